"""Fixtures of the browser tests: each module builds its own site and serves it as `server`."""

from __future__ import annotations

import pytest


@pytest.fixture
def page(browser, server):
    """A fresh page of the session's Chromium, for the module's `server`. bypass_csp: axe-core is
    injected inline, which the site's own policy would block."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()
