"""Configuration defaults; a deployment overrides any of them with SIGNPOST_* environment variables."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Defaults:
    """Settings used unless the environment or a test says otherwise."""

    CONTENT_DIR = str(ROOT / "content")
    # scripts/serve sets SIGNPOST_CONTENT_CHECKED=1 after printing the content check, so the
    # server logs a count of the content's problems instead of each one again.
    CONTENT_CHECKED = False
    # Public address of the site; empty means "use site_url from content/site.yml".
    SITE_URL = ""
    # Behind a TLS-terminating proxy a deployment sets SIGNPOST_FORCE_HTTPS=true.
    FORCE_HTTPS = False
    RESULTS_PER_PAGE = 20
    # Anonymous feedback and campaign counts: an SQLite file outside the code.
    FEEDBACK_DB = str(ROOT / "var" / "feedback.sqlite3")
    FEEDBACK_RATE_LIMIT = 10  # posts per address per window, counted in memory only
    FEEDBACK_RATE_WINDOW = 600
    MAX_CONTENT_LENGTH = 16 * 1024  # no form of ours needs more
    # Where "Leave this site" goes: an ordinary, neutral page.
    QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"
    # Signs the feedback forms' tokens (Signpost sets no cookies). Set SIGNPOST_SECRET_KEY to a
    # long random value in production, the same for every worker.
    SECRET_KEY = "change-me-in-production"
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    JSON_SORT_KEYS = False
    SEND_FILE_MAX_AGE_DEFAULT = 60 * 60 * 24 * 7
