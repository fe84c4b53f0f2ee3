"""Check the starter content files before they are loaded.

Runs without Django (``python -m romahub.pages.starter_content.validate``) so that
writers and translators can check their work as they go. The loader runs the same
checks and refuses to load content that fails them.

Why the structure must match across languages: translations are stored through
wagtail-localize, segment by segment. A Slovak or Romanian guide is paired with its
English source block by block, paragraph by paragraph, link by link; if the shapes
differ, the pairing would be wrong, so the check refuses it.
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = ("en", "sk", "ro")
SECTIONS = ("parents", "advocates", "social-workers", "carers", "lawyers", "councils")
ALLOWED_TAGS = {"h2", "h3", "p", "ul", "ol", "li", "strong", "a", "br"}
BLOCK_TAGS = {"h2", "h3", "p", "li"}
RICH_FIELDS = {"text", "answer", "intro", "definition_html"}
# Romanian must use the comma-below letters, never the cedilla look-alikes.
CEDILLA_LETTERS = re.compile("[\u015e\u015f\u0162\u0163]")
MIN_GUIDES = 14
# Parents' pages: one idea a sentence, 15 words at most (CONTENT.md), checked on the English source.
PARENTS_MAX_SENTENCE_WORDS = 15
_NOT_PROSE_KEYS = {"phone", "email", "website", "kind", "hours"}
MIN_FAQS = 30
MIN_TERMS = 40


class _Shape(HTMLParser):
    """Records the block elements of a rich-text value and the links inside each."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, int]] = []
        self.errors: list[str] = []
        self._open_block: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"tag <{tag}> is not allowed")
        if tag in BLOCK_TAGS:
            self.shape.append((tag, 0))
            self._open_block.append(tag)
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if not href.startswith("https://"):
                self.errors.append(f"link {href!r} must start with https://")
            if self.shape:
                tag_name, links = self.shape[-1]
                self.shape[-1] = (tag_name, links + 1)

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS and self._open_block:
            self._open_block.pop()


def html_shape(value: str) -> tuple[list[tuple[str, int]], list[str]]:
    parser = _Shape()
    parser.feed(value)
    parser.close()
    return parser.shape, parser.errors


def shape_of(value, path="") -> list:
    """A language-independent description of a value: keys, list lengths, rich-text shapes."""
    if isinstance(value, dict):
        return [(key, shape_of(value[key], f"{path}.{key}")) for key in sorted(value)]
    if isinstance(value, list):
        return [shape_of(item, f"{path}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, str):
        key = path.rsplit(".", 1)[-1]
        if key in RICH_FIELDS or value.lstrip().startswith("<"):
            return ["html", html_shape(value)[0]]
        return ["text", bool(value.strip())]
    return ["other", value]


def _walk_strings(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk_strings(item, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


def _check_language_text(name: str, lang: str, content, errors: list[str]):
    for path, text in _walk_strings(content):
        if lang == "ro" and CEDILLA_LETTERS.search(text):
            errors.append(f"{name} [{lang}]{path}: use ș ț (comma below), not ş ţ (cedilla)")
        if re.search(r"lorem ipsum|TODO|TBC|\betc\.", text, re.IGNORECASE):
            errors.append(f"{name} [{lang}]{path}: unfinished or banned wording")
        if text.lstrip().startswith("<"):
            _, html_errors = html_shape(text)
            errors.extend(f"{name} [{lang}]{path}: {e}" for e in html_errors)


def check_translated(name: str, item: dict, errors: list[str], keys=LANGUAGES):
    for lang in keys:
        if lang not in item:
            errors.append(f"{name}: missing language {lang!r}")
            return
        _check_language_text(name, lang, item[lang], errors)
    english = shape_of(item["en"])
    for lang in keys[1:]:
        if shape_of(item[lang]) != english:
            errors.append(
                f"{name} [{lang}]: structure differs from English "
                "(same blocks, same paragraphs and list items, same number of links, "
                "same fields left empty)"
            )


BLOCK_TYPES = {"text", "steps", "callout", "faq", "contact", "tool"}


def check_guide(path: Path, errors: list[str]) -> dict:
    name = path.name
    guide = json.loads(path.read_text(encoding="utf-8"))
    if guide.get("section") not in SECTIONS:
        errors.append(f"{name}: section must be one of {SECTIONS}")
    if guide.get("slug") != path.stem:
        errors.append(f"{name}: slug must equal the file name")
    if not guide.get("sources"):
        errors.append(f"{name}: every guide lists its sources")
    for source in guide.get("sources", []):
        if not source.get("title") or not source.get("publisher"):
            errors.append(f"{name}: each source needs a title and a publisher")
        if source.get("url") and not source["url"].startswith("https://"):
            errors.append(f"{name}: source url must start with https://")
    for lang in LANGUAGES:
        content = guide.get(lang, {})
        for field in ("title", "summary", "body"):
            if not content.get(field):
                errors.append(f"{name} [{lang}]: missing {field}")
        for block in content.get("body", []):
            if block.get("type") not in BLOCK_TYPES:
                errors.append(f"{name} [{lang}]: unknown block type {block.get('type')!r}")
    if guide.get("section") == "parents":
        for sentence in long_sentences(guide.get("en", {}).get("body", [])):
            errors.append(f"{name} [en]: sentence over {PARENTS_MAX_SENTENCE_WORDS} words: {sentence[:80]}…")
    check_translated(name, guide, errors)
    return guide


def long_sentences(blocks) -> list[str]:
    """Sentences longer than a parent's page allows, in any text of the given blocks."""
    found = []
    for path, text in _walk_strings(blocks):
        if path.rsplit(".", 1)[-1] in _NOT_PROSE_KEYS:
            continue
        plain = re.sub(r"<[^>]+>", "\n", text)
        for sentence in re.split(r"(?<=[.!?])\s+|\n", plain):
            if len(sentence.split()) > PARENTS_MAX_SENTENCE_WORDS:
                found.append(sentence.strip())
    return found


def count_faqs(guide: dict) -> int:
    return sum(
        len(block["value"]["items"]) for block in guide["en"]["body"] if block["type"] == "faq"
    )


def validate(data_dir: Path = DATA_DIR) -> list[str]:
    errors: list[str] = []
    guides = [check_guide(p, errors) for p in sorted((data_dir / "guides").glob("*.json"))]
    if len(guides) < MIN_GUIDES:
        errors.append(f"only {len(guides)} guides; at least {MIN_GUIDES} are needed")
    per_section = {s: sum(1 for g in guides if g.get("section") == s) for s in SECTIONS}
    for section, count in per_section.items():
        needed = 4 if section == "parents" else 2
        if count < needed:
            errors.append(f"section {section}: {count} guides, at least {needed} needed")
    faqs = sum(count_faqs(g) for g in guides if "en" in g)
    if faqs < MIN_FAQS:
        errors.append(f"only {faqs} FAQ items; at least {MIN_FAQS} are needed")

    glossary_file = data_dir / "glossary.json"
    if glossary_file.exists():
        terms = json.loads(glossary_file.read_text(encoding="utf-8"))
        slugs = [t.get("slug") for t in terms]
        if len(set(slugs)) != len(slugs):
            errors.append("glossary.json: duplicate slugs")
        for term in terms:
            check_translated(f"glossary.json:{term.get('slug')}", term, errors)
        if len(terms) < MIN_TERMS:
            errors.append(f"only {len(terms)} glossary terms; at least {MIN_TERMS} are needed")
    else:
        errors.append("glossary.json is missing")

    site_file = data_dir / "site.json"
    if site_file.exists():
        site = json.loads(site_file.read_text(encoding="utf-8"))
        check_translated("site.json:home", site["home"], errors)
        check_translated("site.json:glossary", site["glossary"], errors)
        for section in site["sections"]:
            check_translated(f"site.json:section:{section.get('slug')}", section, errors)
        for page in site.get("information_pages", []):
            check_translated(f"site.json:page:{page.get('slug')}", page, errors)
        if sorted(s["slug"] for s in site["sections"]) != sorted(SECTIONS):
            errors.append(f"site.json: sections must be exactly {SECTIONS}")
    else:
        errors.append("site.json is missing")
    return errors


def validate_files(paths: list[str]) -> list[str]:
    """Check single files (a writer's own work) without the site-wide counts."""
    errors: list[str] = []
    for name in paths:
        path = Path(name)
        if path.parent.name == "guides":
            check_guide(path, errors)
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if path.name == "glossary.json":
            for term in data:
                check_translated(f"glossary.json:{term.get('slug')}", term, errors)
        elif path.name == "site.json":
            for key in ("home", "glossary"):
                check_translated(f"site.json:{key}", data[key], errors)
            for item in data["sections"] + data.get("information_pages", []):
                check_translated(f"site.json:{item.get('slug')}", item, errors)
    return errors


def main() -> int:
    errors = validate_files(sys.argv[1:]) if sys.argv[1:] else validate()
    for error in errors:
        print(error)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
