"""Local Digital: the content layer of the Local Digital Declaration community site.

load -> validate -> model -> emit; nothing in this package imports mkdocs except the
adapter the hook calls (see hooks/).
"""

__version__ = "0.1.0"
