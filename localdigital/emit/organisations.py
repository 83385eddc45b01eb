"""The "Find your council" page: every organisation in the registers with the code a signatory
file names it by, filterable by name or code and by nation (assets/javascripts/filters.js), and
whole without JavaScript. `localdigital find NAME` answers the same question on the command line."""

from __future__ import annotations

import html

from ..model import SiteModel
from .markup import Page, attr, front, rel_url, text

FIND_PAGE = "find-your-council.md"


def find_page(model: SiteModel) -> Page:
    registers = model.registers
    bodies = sorted((b for code, b in registers.organisations.items() if b.code == code),
                    key=lambda b: (b.name.casefold(), b.code))
    signed = {item.org.code: item for item in model.items["signatory"] if item.org is not None}
    nations = sorted({b.nation or "Not stated" for b in bodies})
    rows = []
    for body in bodies:
        status = f"ended {body.end.isoformat()}" if body.end else "current"
        signatory = signed.get(body.code)
        signed_cell = (f'<a href="{attr(rel_url(FIND_PAGE, signatory.url))}">signed</a>' if signatory else "not yet")
        where = body.region or body.nation or ""
        rows.append(f'<tr data-name="{attr((body.name + " " + body.code).casefold())}" data-nation="{attr(body.nation or "Not stated")}">'
                    f"<td>{text(body.name)}</td><td><code>{text(body.code)}</code></td><td>{text(body.type_name)}</td>"
                    f"<td>{text(where)}</td><td>{status}</td><td>{signed_cell}</td></tr>")
    options = "".join(f'<option value="{attr(n)}">{html.escape(n)}</option>' for n in nations)
    lines = [front("Find your council") + "# Find your council", "",
             f"Every organisation in the site's registers ({len(bodies):,} councils, police forces, government "
             "departments and other public bodies), with the **code** to write in your signatory file as "
             "`code:` (or wherever a file names an organisation). Type part of a name or a code in the box to "
             "narrow the list, or use your browser's Find. On your own computer, `localdigital find NAME` gives "
             "the same answer.", "",
             "An organisation that is not here (a supplier, a charity) signs with `name:` and `kind:` instead of "
             "`code:`: see [how to sign](how-to-sign.md).", "",
             '<form class="ld-filters" data-filters data-pagefind-ignore><fieldset><legend>Find</legend>'
             '<label>Name or code <input type="search" data-search autocomplete="off" spellcheck="false"></label> '
             f'<label>Nation <select data-filter="nation"><option value="">All</option>{options}</select></label>'
             '<button type="reset">Clear</button></fieldset></form>', "",
             f'<p class="ld-count" aria-live="polite"><span data-count>{len(bodies)}</span> of {len(bodies)} organisations shown</p>', "",
             '<table class="ld-table ld-find" data-filterable data-pagefind-ignore><thead><tr><th scope="col">Name</th>'
             '<th scope="col">Code</th><th scope="col">Type</th><th scope="col">Where</th><th scope="col">Status</th>'
             '<th scope="col">Declaration</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>", "",
             "Names and codes: councils from UK Local Authority Names and Codes (mySociety, CC BY 4.0); other "
             "public bodies from digital-land/organisation-dataset and the GOV.UK government-organisation register "
             "(OGL v3.0); police forces from the Home Office's data.police.uk (OGL v3.0). See "
             "[open data](open-data.md).", ""]
    return Page("\n".join(lines), None)
