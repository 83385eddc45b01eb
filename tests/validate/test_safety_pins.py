"""Pins for the safety checks found by the mutation run (scripts/mutate; scores and survivors in scripts/README.md): what
is refused with its rule and line, and what is not (a check that refused everything would pass the
other tests). Through the public checks only: check_markdown for bodies, check_text_field for fields."""

from __future__ import annotations

import pytest

from localdigital.validate import safety


def findings(body: str, exists=lambda path: True) -> list[tuple[int, str]]:
    found = []
    safety.check_markdown(body, 1, "projects/x.md", lambda line, col, sev, rule, msg, hint: found.append((line, rule)), exists)
    return found


def field(text: str, path: tuple = ("summary",)) -> list[str]:
    found = []
    safety.check_text_field(text, lambda severity, rule, message, hint: found.append(rule), path)
    return found


@pytest.mark.parametrize("target", ["2024:report.md", "docs/a:b.md", "java_script:alert(1)", "a%3Ab.md"])
def test_a_colon_that_does_not_follow_a_scheme_is_a_relative_path(target: str) -> None:
    """A scheme starts with a letter and has only letters, digits, + . -: a browser reads these as paths."""
    assert findings(f"See [this]({target}).") == []
    assert findings(f"See [this]({target}).", exists=lambda path: False) == [(1, "link-broken")]


@pytest.mark.parametrize("target,scheme", [("javascript:alert(1)", True), ("JavaScript:alert(1)", True),
                                           ("vb.script+x-y:1", True), ("data:text/html,x", True)])
def test_any_other_scheme_is_refused(target: str, scheme: bool) -> None:
    assert findings(f"Text\n\nSee [this]({target}).") == [(3, "link-scheme")]


@pytest.mark.parametrize("text", ["Costs < 5 and 2<3", "if a <=b then", "a <- b", "<3 <!", "a <1a:b> c"])
def test_a_less_than_sign_that_starts_no_tag_is_text(text: str) -> None:
    assert findings(text) == []
    assert field(text) == []


@pytest.mark.parametrize("text,line", [("a <b>bold</b>", 1), ("x\n< /b>", 2), ("x\n\n<!-- c -->", 3), ("<?php x ?>", 1),
                                       ("<!doctype html>", 1), ("< img src=x>", 1)])
def test_a_tag_is_raw_html_on_its_line(text: str, line: int) -> None:
    assert (line, "markdown-raw-html") in findings(text)
    assert "field-html" in field(text.replace("\n", " "))


@pytest.mark.parametrize("text", ["See <https://www.gov.uk/x> for more", "See <http://a.example/b?c=d&e> too",
                                  "Write to <digital@council.gov.uk>", "Write to <mailto:digital@council.gov.uk>"])
def test_an_autolink_in_a_field_is_not_html(text: str) -> None:
    assert field(text) == []


@pytest.mark.parametrize("text", ["See <https://www.gov.uk/x> <b>bold</b>", "<https://a.example/x <b>",
                                  "<digital@council.gov.uk <b>", "<mailto:x@y.z <i>", "<https://x\ny> <b>"])
def test_html_beside_an_autolink_in_a_field_is_html(text: str) -> None:
    assert "field-html" in field(text)


@pytest.mark.parametrize("body,rule", [("<javascript:alert(1)>", "link-scheme"), ("<ftp://x.example/a>", "link-scheme"),
                                       ("<https://www.gov.uk/a>", None), ("<digital@council.gov.uk>", None)])
def test_a_markdown_autolink_is_a_link_with_its_scheme_checked(body: str, rule: str | None) -> None:
    assert findings(f"Text\n\n{body}") == ([(3, rule)] if rule else [])


def located(body: str, exists=lambda path: True) -> list[tuple[int, int, str]]:
    found = []
    safety.check_markdown(body, 1, "projects/x.md", lambda line, col, sev, rule, msg, hint: found.append((line, col, rule)),
                          exists)
    return found


@pytest.mark.parametrize("body,col", [("Use `x` then <script>alert(1)</script>", 14), ("`a` and ``b`` then <b>", 20),
                                      ("``x` <i>", 6)])
def test_html_after_a_code_span_is_raw_html_where_it_is(body: str, col: int) -> None:
    assert located(body) == [(1, col, "markdown-raw-html")]


def test_a_closing_tag_with_a_colon_is_html_not_an_autolink() -> None:
    """CommonMark's scheme starts with a letter: '</b:x>' is a tag (the renderer passes it through), '<1ab:x>' text."""
    assert located("</b:x>", exists=lambda path: False) == [(1, 1, "markdown-raw-html")]
    assert located("Text <1ab:x> more", exists=lambda path: False) == []


@pytest.mark.parametrize("body,line,col", [("See [x](<javascript:alert(1) x>).", 1, 9),
                                           ("See [x][x].\n\n[x]: <javascript:alert(1) y>", 3, 6)])
def test_a_link_target_in_angle_brackets_with_a_space_is_read_whole(body: str, line: int, col: int) -> None:
    """Python-Markdown links to '<javascript:alert(1) x>' as href="javascript:alert(1) x": the scheme is checked on the
    whole target between the brackets, not on what comes before the space."""
    assert (line, col, "link-scheme") in located(body)


@pytest.mark.parametrize("body", ["See [x](<a b.md>).", "See [x][y].\n\n[y]: <a b.md>"])
def test_a_relative_target_in_angle_brackets_with_a_space_is_the_file_between_them(body: str) -> None:
    assert "link-broken" not in [rule for _l, _c, rule in located(body, exists=lambda path: path == "projects/a b.md")]
    assert "link-broken" in [rule for _l, _c, rule in located(body, exists=lambda path: False)]


def messages(body: str, exists=lambda path: True) -> list[tuple[int, int, str, str]]:
    found = []
    safety.check_markdown(body, 1, "projects/x.md", lambda line, col, sev, rule, msg, hint: found.append((line, col, rule, msg)),
                          exists)
    return found


@pytest.mark.parametrize("body", ['# Heading {: title="a b" }', "# Heading {: title='a b' lang=cy }", 'Text {: .note title="x y" }'])
def test_a_quoted_value_with_spaces_is_one_attribute(body: str) -> None:
    assert located(body) == []


@pytest.mark.parametrize("body,name", [("Text {: .x onclick }", "onclick"), ("Text {: title=a onclick }", "onclick"),
                                       ('Text {: title="a" onmouseover }', "onmouseover")])
def test_a_bare_word_after_another_attribute_is_an_attribute(body: str, name: str) -> None:
    assert [(col, rule, msg) for _l, col, rule, msg in messages(body)] \
        == [(6, "attr-list-unsafe", f"the attribute '{name}' is not allowed in an attribute list")]


@pytest.mark.parametrize("body,kind,name", [("Text {: .note #__config }", "id", "__config"),
                                            ("Text {: title=a .md-header }", "class", "md-header")])
def test_a_reserved_name_after_another_attribute_is_refused(body: str, kind: str, name: str) -> None:
    assert [(rule, msg) for _l, _c, rule, msg in messages(body)] \
        == [("attr-list-reserved", f"the {kind} '{name}' belongs to the site's own layout")]


@pytest.mark.parametrize("body", ["Text {: #onerror-help .onerror }", "## onerror handling", "## Intro {: #onerror }"])
def test_ids_and_classes_outside_the_reserved_prefixes_are_allowed(body: str) -> None:
    assert located(body) == []


def test_an_address_ends_where_its_domain_does() -> None:
    assert [(col, rule, msg) for _l, col, rule, msg in messages("Write to digital@gmail.com. See a.b.c now.")] \
        == [(10, "personal-email", "'digital@gmail.com' is a personal email provider's address")]


@pytest.mark.parametrize("body,rule", [("See [x]().", "link-empty"), ("See [x](<>).", "link-empty"),
                                       ("See [x](/projects/a.md).", "link-relative"), ("See [x](../../etc/passwd).", "link-outside")])
def test_a_link_without_an_address_or_leaving_the_site_is_refused_where_it_is(body: str, rule: str) -> None:
    assert located(body) == [(1, 9, rule)]


@pytest.mark.parametrize("text", ["See https://example.org/doc/07700900123 for details", "See www.example.org/07700900123 now",
                                  "See HTTP://EXAMPLE.ORG/07700-900123 now"])
def test_digits_in_a_web_address_are_not_a_phone_number(text: str) -> None:
    assert located(text) == [] and field(text) == []
    assert located(text.replace("/", " / ").replace("www.", "www ")) != []  # the same digits outside an address are


def test_a_hundred_spaces_in_a_row_pass_and_a_hundred_and_one_are_refused_where_they_start() -> None:
    assert located("a\nb" + " " * 100 + "c") == []
    assert located("a\nb" + " " * 50 + "\t" + " " * 49 + "c") == []
    assert located("a\nb" + " " * 101 + "c") == [(2, 2, "markdown-too-complex")]
    assert located("a\nb" + " " * 50 + "\t" + " " * 50 + "c") == [(2, 2, "markdown-too-complex")]  # a tab counts as one


def test_a_thousand_square_brackets_pass_and_a_thousand_and_one_are_refused() -> None:
    assert located("[x] " * 1000) == [] and not safety.too_complex("[x] " * 1000)
    assert messages("[x] " * 1001) == [(1, 1, "markdown-too-complex",
                                        "the text has 1001 square brackets, more than the limit of 1000")]
    assert safety.too_complex("[x] " * 1001)


def test_ten_thousand_backticks_pass_and_one_more_is_refused() -> None:
    assert located("`x` " * 5000) == []
    assert messages("`x` " * 5000 + "`") == [(1, 1, "markdown-too-complex",
                                             "the text has 10001 backticks (`), more than the limit of 10000")]


def test_a_refused_body_is_reported_from_its_first_line_in_the_file() -> None:
    found = []
    safety.check_markdown("[x] " * 1001, 7, "projects/x.md", lambda line, col, *rest: found.append((line, col)), lambda p: True)
    assert found == [(7, 1)]
    found.clear()
    safety.check_markdown("a\n\nb" + " " * 101, 7, "projects/x.md", lambda line, col, *rest: found.append((line, col)),
                          lambda p: True)
    assert found == [(9, 2)]


def test_a_fence_with_an_attribute_list_is_code_for_both_readers() -> None:
    assert located("```{.python}\n<b>x</b>\n```") == []


@pytest.mark.parametrize("body", ["#x__config", "#_ld-menu", "#__init__ is a method"])
def test_a_hash_without_a_space_after_it_starts_no_heading(body: str) -> None:
    assert located(body) == []


def test_a_domain_in_brackets_is_the_domain_without_them() -> None:
    assert messages("[Apply (gov.uk)](https://evil.example/)") \
        == [(1, 1, "link-text-domain", "the link's text names gov.uk but it goes to evil.example")]


@pytest.mark.parametrize("label,named", [("Apply on GOV.UK site", True), ("Apply on the GOV.UK site", False)])
def test_a_text_of_up_to_three_words_beside_a_domain_says_where_it_goes(label: str, named: bool) -> None:
    assert bool(located(f"[{label}](https://evil.example/)")) is named


GOVERNMENT = ("gov.uk", "nhs.uk", "police.uk", "gov.scot", "gov.wales", "llyw.cymru", "parliament.uk", "mod.uk", "nidirect.gov.uk",
              "judiciary.uk", "sch.uk", "nhs.scot", "hscni.net")  # written out: a list read from the module would change with it


@pytest.mark.parametrize("domain", GOVERNMENT)
def test_a_link_naming_each_government_domain_and_going_elsewhere_is_an_error(domain: str) -> None:
    found = []
    safety.check_markdown(f"[www.{domain}](https://evil.example/)", 1, "projects/x.md",
                          lambda line, col, severity, rule, *rest: found.append((severity, rule)), lambda path: True)
    assert found == [("error", "link-text-domain")]


def test_a_link_naming_another_host_and_going_elsewhere_is_a_warning() -> None:
    found = []
    safety.check_markdown("[https://onerror/](https://evil.example/)", 1, "projects/x.md",
                          lambda line, col, severity, rule, *rest: found.append((severity, rule)), lambda path: True)
    assert found == [("warning", "link-text-domain")]


def test_a_phone_number_in_brackets_is_found_at_its_first_digit() -> None:
    assert located("Ring (07700) 900123 now") == [(1, 7, "personal-phone")]


@pytest.mark.parametrize("text,col", [("See https://example.org/a,07700900123 now", None), ("See https://x.example/;07700900123", None),
                                      ("See https://example.org/ or ring 07700 900123", 34)])
def test_a_web_address_is_masked_to_its_end_and_no_further(text: str, col: int | None) -> None:
    assert located(text) == ([(1, col, "personal-phone")] if col else [])


@pytest.mark.parametrize("text", ["Write to jsmith (at council.gov.uk", "See FORMAT council.gov.uk", "Ask jsmith ATLAS.gov.uk"])
def test_an_at_needs_both_brackets_or_to_be_a_word_of_its_own(text: str) -> None:
    assert field(text) == []


@pytest.mark.parametrize("text", ["Chief Executive, LGA", "by hand", "Leader / &"])
def test_initials_lower_case_words_and_signs_are_not_a_name(text: str) -> None:
    assert field(text, ("signed_by", 0)) == []


@pytest.mark.parametrize("body,col", [("Text *em*{: onclick } more", 10), ("Text [x](y.md){: onclick } more", 15),
                                      ("Text _em_{: onclick } more", 10), ("Text [x]{: onclick } more", 9),
                                      ("Text <https://x.example/>{: onclick } more", 26)])
def test_a_bare_word_in_an_attribute_list_right_after_an_inline_element_is_an_attribute(body: str, col: int) -> None:
    assert located(body) == [(1, col, "attr-list-unsafe")]


def test_an_attribute_list_after_a_space_in_the_middle_of_a_line_is_text() -> None:
    assert located("Text {: onclick } more") == []


def test_a_one_line_fence_at_the_end_is_checked() -> None:
    assert located("Text\n\n``` <img src=x onerror=alert(1)>") == [(3, 5, "markdown-raw-html")]


def test_an_indented_code_block_is_code() -> None:
    assert located("Text\n\n    <b>code</b>\n") == []


@pytest.mark.parametrize("body,found", [("[www.gov.uk](http://evil.example/)", [(1, 1, "link-text-domain")]),
                                        ("[www.gov.uk](onerror://evil.example/)", [(1, 14, "link-scheme")]),
                                        ("[see www.gov.uk for all the latest news](https://evil.example/)", [(1, 1, "link-text-domain")]),
                                        ("![www.gov.uk](https://evil.example/x.png)", [(1, 15, "image-external")]),
                                        ("[a]: https://x.example/\n\nSee [b] here.", [])])
def test_which_links_are_read_for_their_text(body: str, found: list) -> None:
    assert located(body) == found


@pytest.mark.parametrize("text,col", [("Ring +1 234 567 89 now", 6), ("Write to jsmith2@council.gov.uk", 10),
                                      ("Write to jane.2024@council.gov.uk", None), ("Write to x.y.z.w@council.gov.uk", None),
                                      ("Write to ab@council.gov.uk", None)])
def test_personal_data_at_the_edges_of_its_shapes(text: str, col: int | None) -> None:
    assert [(line, at) for line, at, _rule in located(text)] == ([(1, col)] if col else [])
    assert bool(field(text)) is bool(col)


def test_a_target_ending_with_a_bracket_it_does_not_start_with_keeps_it() -> None:
    assert located("[x](xa.md>)", exists=lambda path: path == "projects/a.md") == [(1, 5, "link-broken")]


def test_a_name_is_allowed_outside_signed_by() -> None:
    assert field("Jane Smith", ("summary",)) == []
    assert field("Jane Smith", ("signed_by", 0)) == ["personal-name"]


@pytest.mark.parametrize("target,external", [("//evil.example>", True), ("https://x.example/", True), ("a.md", False),
                                             ("a\\b", True), ("<a.md>", False), ("<https://x.example/>", True),
                                             ("onerror.md", False)])
def test_is_external(target: str, external: bool) -> None:
    assert safety.is_external(target) is external


def test_links_entries_without_a_text_title_and_url_are_skipped() -> None:
    found = []
    data = {"links": [{"title": "www.gov.uk"}, "x", {"title": "www.gov.uk", "url": 5}, {"url": "https://evil.example/"},
                      {"title": "www.gov.uk", "url": "https://evil.example/"}]}
    safety.check_links_field(data, lambda path: (path[1] + 1, 1), lambda *finding: found.append(finding[:4]))
    assert found == [(5, 1, "error", "link-text-domain")]


def test_too_complex_says_so_for_backticks_too() -> None:
    assert safety.too_complex("`x` " * 5000 + "`") and not safety.too_complex("`x` " * 5000)


@pytest.mark.parametrize("body", ["Write to [us](mailto:digital@council.gov.uk).", "Write to <mailto:digital@council.gov.uk>.",
                                  "See [it](http://www.gov.uk/).", "See [it](https://www.gov.uk/)."])
def test_mailto_http_and_https_links_are_allowed(body: str) -> None:
    assert located(body) == []


@pytest.mark.parametrize("body", ["[x](onerror.md)", "[x](a.md?x=1)", "[x](a.md#part)"])
def test_a_relative_link_is_the_file_before_its_query_or_anchor(body: str) -> None:
    assert located(body, exists=lambda path: path in ("projects/a.md", "projects/onerror.md")) == []


@pytest.mark.parametrize("text,personal", [("Write to digital@gmail.example.co.uk", False), ("Write to jane+news@council.gov.uk", True),
                                           ("Write to abc@council.gov.uk", True), ("Write to " + "x" * 24 + "@council.gov.uk", True),
                                           ("Write to " + "x" * 25 + "@council.gov.uk", False),
                                           ("See www.example.org/a,07700900123 now", False)])
def test_personal_addresses_at_the_edges_of_their_shapes(text: str, personal: bool) -> None:
    assert bool(field(text)) is personal
    assert bool(located(text)) is personal


def test_an_at_next_to_a_code_span_in_brackets_is_read_in_a_body() -> None:
    assert messages("Write to jsmith ( `x` at ) council.gov.uk") \
        == [(1, 1, "personal-email", "'jsmith@council.gov.uk' looks like a named person's email address")]


def test_four_capitalised_words_are_a_name() -> None:
    assert field("Jane Mary Ann Smith", ("signed_by", 0)) == ["personal-name"]


def test_a_reference_link_is_read_for_its_text() -> None:
    assert located("[www.gov.uk][e]\n\n[e]: https://evil.example/") == [(1, 1, "link-text-domain")]


def test_a_host_mixing_alphabets_is_named_as_such() -> None:
    assert [msg for _l, _c, _r, msg in messages("[x](https://p\u0430ypal.example/)")] \
        == ["this link's address 'p\u0430ypal.example' mixes letters from different alphabets"]


@pytest.mark.parametrize("body,names", [(" {: title='}' onclick }", ["onclick"]), ("# Heading {title='}' onclick }", ["onclick"]),
                                        ("# Heading {title='}'onclick}", ["onclick"]), ("# Heading {: title='}' onclick }", ["onclick"]),
                                        ("Text {} x }", [])])
def test_a_heading_tail_is_read_from_the_first_space_and_brace_to_the_last_brace(body: str, names: list[str]) -> None:
    assert [msg for _l, _c, _r, msg in messages(body)] == [f"the attribute '{name}' is not allowed in an attribute list"
                                                           for name in names]


def test_too_complex_says_so_for_a_run_of_spaces_too() -> None:
    assert safety.too_complex("a" + " " * 101 + "b") and not safety.too_complex("a" + " " * 100 + "b")


@pytest.mark.parametrize("text,found", [("Ring +44 1234 5678 now", []), ("Ring +1234567 on 12 May", []),
                                        ("Ring +123456789012345 now", [(1, 6, "personal-phone")]), ("Ring +1234567890123456 now", []),
                                        ("Write to jane.a.smith@council.gov.uk", [(1, 10, "personal-email")])])
def test_phone_numbers_and_addresses_at_the_edges_of_their_lengths(text: str, found: list) -> None:
    assert located(text) == found


@pytest.mark.parametrize("body,found", [("<javascript:alert('a@b')>", [(1, 1, "link-scheme")]),
                                        ("\nb" + " " * 101, [(2, 2, "markdown-too-complex")]),
                                        ("[www.gov.uk][]\n\n[www.gov.uk]: https://evil.example/", [(1, 1, "link-text-domain")]),
                                        ("Text {} x {: onclick }", [(1, 11, "attr-list-unsafe")]),
                                        ("`` `<b>` text", []), ("`a` `<b>` x", [])])
def test_more_edges_of_the_body_checks(body: str, found: list) -> None:
    assert located(body) == found


def test_a_host_with_a_letter_beyond_a_to_z_is_named_as_such() -> None:
    assert [msg for _l, _c, _r, msg in messages("[x](https://caf\u00e9.example/)")] \
        == ["this link's address 'caf\u00e9.example' has letters beyond a to z"]


def test_five_capitalised_words_are_not_taken_for_a_name() -> None:
    assert field("Jane Mary Ann Lee Smith", ("signed_by", 0)) == []


@pytest.mark.parametrize("body,found", [("Text {:} x }", [(1, 7, "attr-list-unsafe")]),
                                        ("See [www.gov.uk] here.\n\n[www.gov.uk]: https://evil.example/", [(1, 5, "link-text-domain")])])
def test_a_tail_after_an_empty_colon_list_and_a_shortcut_reference_link(body: str, found: list) -> None:
    assert located(body) == found


@pytest.mark.parametrize("body,found", [("#__config\nmore text", []), ("## __config", [(1, 1, "heading-reserved-id")]),
                                        ("[www.gov.uk](https://www.gov.uk:x@evil.example/)", [(1, 1, "link-text-domain")]),
                                        ("See [www.gov.uk][] and [x] here.\n\n[www.gov.uk]: https://evil.example/",
                                         [(1, 5, "link-text-domain")]),
                                        ("![alt][] and [x]\n\n[alt]: https://evil.example/x.png", [(1, 1, "image-external")])])
def test_headings_hosts_after_credentials_and_collapsed_references_before_another_bracket(body: str, found: list) -> None:
    assert located(body) == found


def test_an_email_autolink_is_not_a_file() -> None:
    assert located("Write to <digital@council.gov.uk>.", exists=lambda path: False) == []


@pytest.mark.parametrize("body", ["```{ onclick=alert(1) }\nx\n```", "```{: onclick=alert(1) }\nx\n```",
                                  "```{.py onmouseover=alert(1)}\nx\n```", "Text\n\n~~~ {: onclick }\nx\n~~~"])
def test_an_event_handler_in_a_fences_attribute_list_is_refused_on_its_opening_line(body: str) -> None:
    """fenced_code with attr_list sets the attributes of a fence's {...} on its <code> (<code onclick="alert(1)">)."""
    assert [(rule, line) for line, _col, rule in located(body)] == [("attr-list-unsafe", body.count("\n", 0, body.index("{")) + 1)]


@pytest.mark.parametrize("body", ["Text `c`{: onclick } more", "Text ``c``{: onmouseover } more"])
def test_a_bare_word_in_an_attribute_list_right_after_a_code_span_is_an_attribute(body: str) -> None:
    """attr_list sets it on the span: <code onclick>c</code>."""
    assert [rule for _line, _col, rule in located(body)] == ["attr-list-unsafe"]


@pytest.mark.parametrize("body", ["```{.python}\n<b>x</b>\n```", "Use `{: onclick }` to see it", "```python\n{: onclick }\n```"])
def test_what_a_fence_or_code_span_holds_is_still_code(body: str) -> None:
    assert located(body) == []


def test_a_phone_number_followed_by_a_word_starting_with_a_digit_is_still_found() -> None:
    """The run of digits gives back what the next word starts with ('4th'), instead of failing whole."""
    from localdigital.validate import safety
    assert [f[2] for f in safety.personal_data("Ring 07700 900123 4th floor")] == ["personal-phone"]


def test_a_link_text_naming_a_domain_before_a_full_stop_is_read_as_naming_it() -> None:
    """'Visit GOV.UK.' names gov.uk (the full stop ends the sentence), so a link elsewhere is an error."""
    from localdigital.validate import safety
    found = safety.deceptive_link("Visit GOV.UK.", "https://evil.example/")
    assert [(severity, rule) for severity, rule, _m, _h in found] == [("error", "link-text-domain")]
    assert safety.deceptive_link("Visit GOV.UK.", "https://www.gov.uk/") == []


@pytest.mark.parametrize("body,found", [("\\\\![alt](https://evil.example/x.png)", [(1, 10, "image-external")]),
                                        ("\\\\![alt][e]\n\n[e]: https://evil.example/x.png", [(1, 3, "image-external")]),
                                        ("See \\![www.gov.uk](https://evil.example/)", [(1, 7, "link-text-domain")]),
                                        ("\\\\\\![www.gov.uk](https://evil.example/)", [(1, 5, "link-text-domain")])])
def test_an_image_after_an_escaped_backslash_is_an_image_and_an_escaped_mark_starts_a_link(body: str, found: list) -> None:
    """'\\\\!' is a backslash and then an image (Python-Markdown renders \\<img src=...>); '\\!' and '\\\\\\!' leave a
    text '!' and a link: each backslash escapes the next character."""
    assert located(body) == found


@pytest.mark.parametrize("body,line", [("> ## __config", 1), (">## __config", 1), ("- ## __config", 1), ("1. ## ld-menu", 1),
                                       ("- item\n\n    ## __config", 3), ("> __config\n> ---", 1), ("> > Intro\n> > ===\n\n> ## __x", 4),
                                       ("+ ## __config", 1), ("* ## __config", 1)])
def test_a_heading_in_a_blockquote_or_a_list_item_is_checked_for_a_reserved_id(body: str, line: int) -> None:
    """Python-Markdown makes '> ## __config' an <h2 id="__config"> inside the blockquote: the theme's id all the same."""
    assert located(body) == [(line, 1, "heading-reserved-id")]


@pytest.mark.parametrize("body", ["> ## Contact", "- ## Contact", "> quote\n> ---", "* * *\n__config", "a\n- - -", "- 2024. A year",
                                  "-## __config", "1.## __config", "1: ## __config"])
def test_a_heading_in_a_blockquote_or_a_list_item_with_its_own_words_passes(body: str) -> None:
    assert located(body) == []


@pytest.mark.parametrize("text,found", [("Ring 00 12 345 678 now", [(1, 6, "personal-phone")]),
                                        ("Ring 00 1234 5678 9012 345 now", [(1, 6, "personal-phone")]),
                                        ("Ring 0044 123 45 now", []),
                                        ("Ring +44 16977 3456 now", [(1, 6, "personal-phone")]),
                                        ("Ring +12 345 678 before 5pm", [(1, 6, "personal-phone")]),
                                        ("Freephone 0800 123 456 now", [(1, 11, "personal-phone")]), ("Ring 01234 5678 now", [])])
def test_phone_numbers_at_the_edges_of_their_lengths_after_00_44_and_0(text: str, found: list) -> None:
    """00 is read as +: 8 to 15 digits after it, a UK number of 9 or 10 digits after 0044; at home 0 and 9 or 10 more
    ('0800 123 456' has ten digits in all, '01234 5678' only nine)."""
    assert located(text) == found


def test_a_title_with_a_full_stop_before_a_name_is_a_name() -> None:
    assert field("Dr. Jones", ("signed_by", 0)) == ["personal-name"]


def test_the_name_after_a_title_is_shown_with_the_title_and_two_words() -> None:
    found = []
    safety.check_text_field("Cllr Jane Smith Leader", lambda severity, rule, message, hint: found.append(message),
                            ("signed_by", 0))
    assert found == ["'Cllr Jane Smith' looks like a person's name; signed_by lists roles"]


def test_a_fence_after_a_paragraph_is_code_when_it_is_closed_by_its_own_fence() -> None:
    assert located("Text\n\n```\n<b>x</b>\n```\n\nMore") == []
    assert located("Text\n\n```\n<b>x</b>\n````\n\nMore") == [(4, 1, "markdown-raw-html")]


def test_an_autolink_with_an_empty_address_after_its_scheme_is_read_whole() -> None:
    assert located("See <javascript:> here") == [(1, 5, "link-scheme")]


def hints(body: str) -> list[str]:
    found = []
    safety.check_markdown(body, 1, "projects/x.md", lambda line, col, sev, rule, msg, hint: found.append(hint), lambda path: True)
    return found


def test_a_reserved_id_and_a_reserved_class_are_each_told_their_own_prefixes() -> None:
    assert hints("Text {: #__x }") == ["choose another id; names starting with '__' or 'md-' or 'ld-' are kept for the site"]
    assert hints("Text {: .md-x }") == ["choose another class; names starting with 'md-' or 'ld-' are kept for the site"]


@pytest.mark.parametrize("target", ["<//evil.example/x>", "<javascript:>"])
def test_a_target_in_angle_brackets_is_external_by_what_is_between_them(target: str) -> None:
    assert safety.is_external(target) is True


@pytest.mark.parametrize("body,found", [("[www.gov.uk](https://www.gov.uk:443/)", []),
                                        ("[www.gov.uk](https://evil.example?.gov.uk)", [(1, 1, "link-text-domain")]),
                                        ("[www.gov.uk](https://evil.example#.gov.uk)", [(1, 1, "link-text-domain")])])
def test_a_links_host_ends_at_its_port_query_or_anchor(body: str, found: list) -> None:
    assert located(body) == found


@pytest.mark.parametrize("body,found", [("[See it][www.gov.uk]\n\n[www.gov.uk]: https://evil.example/", []),
                                        ("See [www.gov.uk][ here\n\n[www.gov.uk]: https://evil.example/", [(1, 5, "link-text-domain")]),
                                        ("See ![alt][ here\n\n[alt]: https://evil.example/x.png", [(1, 5, "image-external")]),
                                        ("![A picture][1]\n\n[1]: https://evil.example/x.png", [(1, 1, "image-external")])])
def test_the_label_of_a_reference_link_or_image_and_an_unclosed_second_bracket(body: str, found: list) -> None:
    """[text][label]'s label is not a link text of its own; a '[' never closed after [label] leaves it a shortcut
    reference; a label of one character is a label."""
    assert located(body) == found


def test_a_links_entry_is_named_by_its_place_counted_from_one() -> None:
    found = []
    data = {"links": [{"title": "GOV.UK", "url": "https://www.gov.uk/"}, {"title": "www.gov.uk", "url": "https://evil.example/"}]}
    safety.check_links_field(data, lambda path: (path[1] + 1, 1), lambda *finding: found.append(finding[4]))
    assert found == ["'links' entry 2: the link's text names gov.uk but it goes to evil.example"]


@pytest.mark.parametrize("body,found", [("Text *em*{:.note} more", []), ("Text *em*{:onclick} more", ["onclick"]),
                                        ("# Heading {::.note}", [":.note"]), ("# Heading {: title='}' onclick }", ["onclick"])])
def test_the_colon_of_an_attribute_list_is_left_out_once(body: str, found: list) -> None:
    assert [msg for _l, _c, _r, msg in messages(body)] == [f"the attribute '{name}' is not allowed in an attribute list"
                                                           for name in found]


def test_an_attribute_in_a_heading_tail_is_found_where_the_inside_starts() -> None:
    assert located("# Heading {: title='}' onclick }") == [(1, 14, "attr-list-unsafe")]


def test_html_between_two_code_spans_is_raw_html() -> None:
    assert located("`a` then <b>bold</b> and `c`") == [(1, 10, "markdown-raw-html")]


@pytest.mark.parametrize("body", ["Text\n\n```07700900123\n```", "Text\n\n```07700900123\nx = 1\n```"])
def test_what_follows_a_fence_is_read_on_a_fence_of_any_length(body: str) -> None:
    """fenced_code publishes it as the code's class (class="language-07700900123")."""
    assert located(body) == [(3, 4, "personal-phone")]
