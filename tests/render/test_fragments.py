"""The theme's fragments drawn once per folder (render/fragments.py): their indentation is
dropped, and nothing a browser or the theme's scripts read changes."""

from __future__ import annotations

from lxml import html as lxml_html

from localdigital.render.fragments import tidy

NAV = """<nav class="md-nav" aria-label="Navigation">
  <ul class="md-nav__list">
    
      
    <li class="md-nav__item">
      <a href="../../how-to-sign/" class="md-nav__link">
        <span class="md-ellipsis">
          Sign the Declaration
        </span>
      </a>
    </li>
  </ul>
</nav>
<script>var a = 1
  var b = a
</script>"""


def _text_and_tags(markup: str) -> tuple[list, str]:
    tree = lxml_html.fromstring(markup)
    return ([(e.tag, sorted(e.attrib.items())) for e in tree.iter()], " ".join(tree.text_content().split()))


def test_indentation_and_blank_lines_go_and_the_fragment_reads_the_same() -> None:
    tidied = tidy(NAV)
    assert "\n " not in tidied and "\n\n" not in tidied
    assert len(tidied) == len(NAV) - 64  # the indentation and the two blank lines
    assert _text_and_tags(tidied) == _text_and_tags(NAV)
    assert "var a = 1\nvar b = a\n" in tidied  # a line break is kept: no statement runs into the next


