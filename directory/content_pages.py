"""Self-help pages and the jargon buster: now in directory/content/pages.py, importable from here."""

from .audience_styles import AUDIENCES
from .content.pages import Page, Term, load_glossary, load_pages

__all__ = ["AUDIENCES", "Page", "Term", "load_glossary", "load_pages"]
