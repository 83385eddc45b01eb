"""Sourced facts about the Declaration that the site's plain-words pages use: each principle's
wording, what signing asks, and the sector's own counts of signatories over time.

Copied from ../shared/data/ldd-facts/declaration.yaml (gathered 27 November 2026 from stored
copies of public pages; see its SOURCE.md), each fact with the sources it gives. Wording marked
verbatim there is quoted here as it was found; nothing is added that it does not say.
"""

from __future__ import annotations

from dataclasses import dataclass

DECLARATION_SOURCE = "https://localdigital.gov.uk/what-is-the-declaration/"


@dataclass(frozen=True)
class Sourced:
    text: str
    sources: tuple[str, ...]


# The principles' wording (verbatim in the stored copies; 2 to 4 begin in lower case there, as
# items of a list that follows "we've agreed 5 principles to help us do it:").
PRINCIPLE_WORDING: dict[int, Sourced] = {
    1: Sourced("We will go even further to redesign our services around the needs of the people using them. This means "
               "continuing to prioritise citizen and user needs above professional, organisational and technological silos.",
               ("https://www.hifa.org/dgroups-rss/digital-government-conference-local-digital-declaration",
                "https://localgovdrupal.org/why-use-lgd/local-digital-declaration")),
    2: Sourced("We will ‘fix our plumbing’ to break our dependence on inflexible and expensive technology that doesn’t "
               "join up effectively – this means insisting on modular building blocks for the IT we rely on and open "
               "standards to give a common structure to the data we create.",
               ("https://www.govtechleaders.com/2018/07/04/local-digital-declaration-launched/",)),
    3: Sourced("We will design safe, secure and useful ways of sharing information to build trust among our partners "
               "and citizens, to better support the most vulnerable members of our communities and to target our "
               "resources more effectively.",
               ("https://www.govtechleaders.com/2018/07/04/local-digital-declaration-launched/",)),
    4: Sourced("We will demonstrate digital leadership, creating the conditions for genuine organisational "
               "transformation to happen and challenge all those we work with to embrace this declaration.",
               ("https://www.govtechleaders.com/2018/07/04/local-digital-declaration-launched/",)),
    5: Sourced("We will embed an open culture that values, incentivises and expects digital ways of working from "
               "every member of our workforce.",
               ("https://servicetransformation.blog.essex.gov.uk/2018/07/04/co-publishing-the-local-digital-declaration/",)),
}

# In plain words (the site's own), one sentence each, for the home page and the listings.
PRINCIPLE_PLAIN: dict[int, str] = {
    1: "Design services around the people who use them, not around departments or systems.",
    2: "Stop depending on inflexible, expensive technology: buy modular parts and use open data standards.",
    3: "Share information safely and usefully, to build trust and to help the people who need it most.",
    4: "Lead the change: make room for it in the organisation and ask partners to join in.",
    5: "Work in the open: expect and reward digital ways of working from everyone.",
}

LAUNCH = Sourced("The Declaration was launched on 4 July 2018 at the Local Government Association's annual conference. "
                 "It was written by MHCLG, the Government Digital Service (GDS) and a group of councils and sector bodies.",
                 ("https://localdigital.gov.uk/about/",
                  "https://www.wired-gov.net/wg/news.nsf/print/Launching+the+Local+Digital+Declaration+05072018132000"))

DECLARATION_PROJECT = Sourced("Each organisation that signs is asked to commit to doing a declaration project in the next "
                              "year, in line with the declaration principles.",
                              (DECLARATION_SOURCE,))
COMMITMENT_FORM = Sourced("A commitment has a title, partners, a mission and an impact.",
                          ("https://localdigital.gov.uk/declaration/guidance-on-making-a-commitment/",))
BENEFITS = Sourced("Signatories are offered free training and can apply for funding for projects they do together.",
                   (DECLARATION_SOURCE,))


@dataclass(frozen=True)
class SectorCount:
    when: str
    value: str
    source: str


# The whole sector's count of signatories, as published (the official list itself was not found).
SECTOR_COUNTS: tuple[SectorCount, ...] = (
    SectorCount("July 2020", "223 public sector organisations",
                "https://castbox.fm/episode/GDS-Podcast-20%3A-Celebrating-2-years-of-the-Local-Digital-Declaration-id4420277-id404450395"),
    SectorCount("August 2022", "288 signatories",
                "https://mhclgdigital.blog.gov.uk/2022/08/02/celebrating-four-years-of-the-local-digital-declaration"),
)


# When each Local Digital Fund round was announced (ldd-facts/projects.yaml, "rounds"), to date a
# funded project that gives no date of its own. Rounds without an exact date (5, the continuous
# funding model) are left out. Round 3's is the date UKAuthority reported it; C-19's the press release's.
FUND_ROUNDS: dict[tuple[str, str], Sourced] = {
    ("Local Digital Fund", "1"): Sourced("2018-12-07", ("https://www.gov.uk/government/news/innovative-digital-projects-to-improve-public-services-win-funding",)),
    ("Local Digital Fund", "2"): Sourced("2019-09-12", ("https://mhclgdigital.blog.gov.uk/2019/09/12/the-6-projects-funded-in-round-2-of-the-local-digital-fund/",)),
    ("Local Digital Fund", "3"): Sourced("2019-11-01", ("https://www-ukauthority-com.azurewebsites.net/articles/local-digital-funds-backs-seven-more-projects",)),
    ("Local Digital Fund", "4"): Sourced("2020-03-13", ("https://mhclgdigital.blog.gov.uk/2020/03/13/continued-support-for-local-digital-fund-projects",)),
    ("C-19 Challenge", "C-19 Challenge"): Sourced("2020-07-28", ("https://localdigital.gov.uk/c-19-challenge-funded-projects/",)),
    ("Local Digital Fund", "6"): Sourced("2023-03-07", ("https://mhclgdigital.blog.gov.uk/2023/03/07/round-6-projects-announced",)),
}
