"""Command-line tools for content editors: `flask --app wsgi content check`."""

from __future__ import annotations

import datetime as dt
import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .content import load_content

content_cli = AppGroup("content", help="Check the content pack.")


def checking_content(argv: list[str] | None = None) -> bool:
    """Whether this process was started to run `flask content check`.

    The app is built (and would log every content problem) before the command runs; the check
    prints each problem itself, so the start-up log stays quiet rather than say it all twice.
    """
    words = [a for a in (sys.argv if argv is None else argv)[1:] if not a.startswith("-")]
    return any(words[i:i + 2] == ["content", "check"] for i in range(len(words)))


def counted(number: int, noun: str) -> str:
    """'1 error', '2 errors'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


@content_cli.command("check")
@click.option("--path", default=None, help="Content folder to check (default: the app's).")
def check(path: str | None) -> None:
    """Validate every content file; print each problem once, with how to fix it."""
    folder = path or current_app.config["CONTENT_DIR"]
    # Checked fresh from disk, so an editor sees the files as they are now.
    content = load_content(folder, log_problems=False)
    lines = [f"{problem}  [{problem.severity}]"
             for problem in sorted(content.problems, key=lambda p: (p.file, p.line))]
    warnings = len(content.warnings)
    broken_services = any(p.file.startswith(f"{content.root.name}/services/")
                          for p in content.errors)
    # A need or area left uncovered only because a service has errors is not news: the error is.
    if not broken_services:
        needs_used = {n for s in content.services for n in s.needs}
        areas_used = {a for s in content.services for a in s.service_areas}
        for need in content.needs:
            if need.slug not in needs_used:
                warnings += 1
                lines.append(f"{content.root.name}/needs.yml: {need.slug}: no service is tagged "
                             "with this need — tag at least one service with it  [warning]")
        for area in content.areas:
            if area.slug not in areas_used:
                warnings += 1
                lines.append(f"{content.root.name}/areas.yml: {area.slug}: no local service "
                             "covers this area — add one, so people there see something local  "
                             "[warning]")
    for line in lines:
        click.echo(line)
    unchecked = [s.slug for s in content.services if s.needs_checking]
    click.echo(
        f"{counted(len(content.services), 'service')}, {counted(len(content.needs), 'need')}, "
        f"{counted(len(content.areas), 'area')}: {counted(len(content.errors), 'error')}, "
        f"{counted(warnings, 'warning')}; {counted(len(unchecked), 'service')} marked as "
        "needing their details checked."
    )
    if content.errors:
        click.echo("Fix the errors above: entries with errors are left off the site.", err=True)
        sys.exit(1)


@content_cli.command("review")
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="The workbook to write, e.g. review.xlsx.")
def content_review(out: str) -> None:
    """Write a workbook of every detail still to confirm, for service staff to fill in."""
    import datetime as dt

    from .content import UK
    from .review import write_review

    content = load_content(current_app.config["CONTENT_DIR"], log_problems=False)
    count = write_review(content, out, dt.datetime.now(UK).date())
    click.echo(f"Wrote {out}: {counted(count, 'service')} with details to confirm. Send it to "
               "the services; then run: .venv/bin/flask --app wsgi content apply " + out)


@content_cli.command("apply")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False))
def content_apply(workbook: str) -> None:
    """Write the confirmed values of a filled-in review workbook into the service files."""
    import datetime as dt

    from .content import UK
    from .export import printable
    from .review import apply_review, summary_lines

    folder = current_app.config["CONTENT_DIR"]
    content = load_content(folder, log_problems=False)
    try:
        outcome = apply_review(workbook, content, dt.datetime.now(UK).date())
    except ValueError as exc:
        click.echo(f"Cannot apply {workbook}: {printable(exc)}", err=True)
        sys.exit(1)
    for line in summary_lines(outcome):
        click.echo(printable(line))
    after = load_content(folder, log_problems=False)
    changed = {f"services/{slug}.yml" for slug in outcome.changed}
    errors = [p for p in after.errors if any(p.file.endswith(c) for c in changed)]
    click.echo(f"Content check: {counted(len(after.errors), 'error')} in the pack"
               + (f", {len(errors)} in the files just changed:" if errors else "."))
    for problem in errors:
        click.echo(f"  {printable(problem)}")
    if outcome.problems or errors:
        sys.exit(1)


@content_cli.command("schema")
def content_schema() -> None:
    """Write the JSON Schema editors validate content files against (content/schema/)."""
    from .content.schema import write_schemas

    for path in write_schemas(current_app.config["CONTENT_DIR"]):
        click.echo(f"Wrote {path}")


@content_cli.command("export")
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="The workbook to write, e.g. pack.xlsx.")
def content_export(out: str) -> None:
    """Write the directory (services, areas, needs) to one spreadsheet."""
    from pathlib import Path

    from .pack_sheet import export_pack

    counts = export_pack(Path(current_app.config["CONTENT_DIR"]), out)
    click.echo(f"Wrote {out}: " + ", ".join(f"{n} {sheet.lower()}" for sheet, n in counts.items())
               + ". Translations, self-help pages, the glossary and crisis.yml stay in their "
               "files.")


@content_cli.command("import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False))
@click.option("--into", default=None, type=click.Path(file_okay=False),
              help="Content folder to write into (default: the app's).")
def content_import(workbook: str, into: str | None) -> None:
    """Write a spreadsheet's services, areas and needs back into the content files."""
    from pathlib import Path

    from .export import printable
    from .pack_sheet import import_pack

    folder = Path(into or current_app.config["CONTENT_DIR"])
    try:
        changes = import_pack(workbook, folder)
    except (ValueError, TypeError) as exc:
        click.echo(f"Cannot import {workbook}: {printable(exc)}", err=True)
        sys.exit(1)
    for line in changes or ["Nothing changed: the files already say what the sheet says."]:
        click.echo(printable(line))
    after = load_content(folder, log_problems=False)
    click.echo(f"Content check: {counted(len(after.errors), 'error')}.")
    for problem in after.errors:
        click.echo(f"  {printable(problem)}")
    if after.errors:
        sys.exit(1)


translations_cli = AppGroup("translations", help="Check how much of the site is translated.")


@translations_cli.command("status")
@click.option("--missing/--no-missing", default=True, help="List what is not yet translated.")
def status(missing: bool) -> None:
    """Per language: how much of the interface and of the content is translated."""
    from .translation_status import coverage

    folder = current_app.config["BABEL_TRANSLATION_DIRECTORIES"]
    content = load_content(current_app.config["CONTENT_DIR"], log_problems=False)
    report = coverage(folder, content)
    click.echo(f"{'language':<10}{'interface':>12}{'content':>12}")
    for lang, row in report.items():
        click.echo(f"{lang:<10}{row.interface_percent:>11.0f}%{row.content_percent:>11.0f}%"
                   f"   ({row.interface_done}/{row.interface_total} messages, "
                   f"{row.content_done}/{row.content_total} content texts)")
    from .translation_status import review_status

    click.echo("")
    _print_review(review_status(content, _visits()), 8)
    if missing:
        for lang, row in report.items():
            for what in row.missing:
                click.echo(f"{lang}: missing {what}")


def _visits() -> dict[str, int]:
    """How often each page was answered "was this helpful?", as a stand-in for visits."""
    store = current_app.extensions.get("signpost.feedback")
    if store is None:
        return {}
    kinds = {"service": "services", "page": "pages"}
    return {f"{kinds.get(kind, kind)}/{slug}": yes + no
            for kind, slug, yes, no in store.helpful_counts()}


@translations_cli.command("review")
@click.option("--top", default=10, help="How many entries to list per language.")
def review(top: int) -> None:
    """Per language: long texts translated, entries reviewed, and what to review first."""
    from .translation_status import review_status

    content = load_content(current_app.config["CONTENT_DIR"], log_problems=False)
    _print_review(review_status(content, _visits()), top)


def _print_review(report: dict, top: int) -> None:
    click.echo(f"{'language':<10}{'translated':>12}{'reviewed':>22}{'stale':>7}{'unstamped':>11}")
    for lang, row in report.items():
        click.echo(f"{lang:<10}{row.fields_percent:>11.0f}%"
                   f"{row.entries_reviewed:>9}/{row.entries_translated} entries"
                   f"{len(row.stale):>7}{row.unstamped:>11}"
                   f"   ({row.fields_done}/{row.fields_total} long-text fields)")
    for lang, row in report.items():
        if row.review_first:
            click.echo(f"{lang}: review first: " + ", ".join(row.review_first[:top]))
        for what in row.stale:
            click.echo(f"{lang}: out of date (the English changed): {what}")


@translations_cli.command("stamp")
@click.argument("languages", nargs=-1)
@click.option("--accept-english-changes", is_flag=True,
              help="Say every translation matches today's English (after an English change "
                   "that does not alter the meaning, such as a typo).")
def stamp_command(languages: tuple[str, ...], accept_english_changes: bool) -> None:
    """Record which English each translated field was translated from (sources.yml)."""
    from pathlib import Path

    from .translations import stamp

    folder = Path(current_app.config["CONTENT_DIR"])
    content = load_content(folder, log_problems=False)
    wanted = languages or tuple(x for x in content.site.languages if x != "en")
    for lang in wanted:
        if lang not in content.site.languages or lang == "en":
            raise click.BadParameter(f"'{lang}' is not one of the site's other languages",
                                     param_hint="LANGUAGES")
        counts = stamp(folder, lang, content.ledger, accept_english_changes)
        click.echo(f"{lang}: {counts['new']} newly stamped, {counts['updated']} updated, "
                   f"{counts['current']} already current, {counts['stale']} still out of date "
                   f"→ content/translations/{lang}/sources.yml")
        if counts["stale"]:
            click.echo(f"{lang}: update the out-of-date translations (see `translations "
                       "review`), then stamp again", err=True)


feedback_cli = AppGroup("feedback", help="Read the anonymous feedback.")


def _store_errors_explained(command):
    """Say plainly that the feedback store cannot be reached, instead of a traceback."""
    import functools

    @functools.wraps(command)
    def run(*args, **kwargs):
        from .store import StoreUnavailable

        try:
            return command(*args, **kwargs)
        except StoreUnavailable as error:
            raise click.ClickException(str(error)) from error

    return run


@feedback_cli.command("export")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write: .xlsx for a spreadsheet, anything else for CSV "
                   "(default: print CSV).")
@_store_errors_explained
def feedback_export(out: str) -> None:
    """Write every piece of feedback to a spreadsheet (.xlsx) or CSV file, safe to open."""
    import io

    from .export import feedback_rows, write_csv, write_xlsx

    store = current_app.extensions["signpost.feedback"]
    if store.is_empty():
        click.echo("Nothing to export yet: no feedback, reports, searches that found nothing "
                   "or campaign visits have been stored. No file was written.", err=True)
        return
    if out == "-":
        text = io.StringIO()
        write_csv(feedback_rows(store), text)
        click.echo(text.getvalue(), nl=False)
        return
    if out.lower().endswith(".xlsx"):
        rows = write_xlsx(feedback_rows(store), out)
    else:
        with open(out, "w", encoding="utf-8", newline="") as f:
            rows = write_csv(feedback_rows(store), f)
    click.echo(f"wrote {rows} rows to {out}")


@feedback_cli.command("summary")
@click.option("--top", default=20, help="How many unmet searches to list.")
@_store_errors_explained
def feedback_summary(top: int) -> None:
    """Counts per service and page, and the commonest searches that found nothing."""
    from .export import printable

    store = current_app.extensions["signpost.feedback"]
    if store.is_empty():
        click.echo("Nothing stored yet: no one has answered \"was this helpful?\", reported a "
                   "problem or searched without finding anything.")
        return
    click.echo("Was this helpful?  (yes / no)")
    for kind, slug, yes, no in store.helpful_counts():
        click.echo(f"  {printable(f'{kind}:{slug}'):<56} {yes:>4} / {no:<4}")
    click.echo("Reports of wrong details")
    for slug, count in store.report_counts():
        click.echo(f"  {printable(slug):<55} {count:>4}")
    click.echo("Searches that found nothing")
    for words, count in store.top_unmet(top):
        click.echo(f"  {printable(words):<55} {count:>4}")


def months_before(today: dt.date, months: int) -> str:
    """The month ("YYYY-MM") that is `months` months before today's month."""
    index = today.year * 12 + today.month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@feedback_cli.command("prune")
@click.option("--older-than", "months", type=click.IntRange(min=1), required=True,
              help="Delete feedback and counts filed more than this many whole months ago.")
@_store_errors_explained
def feedback_prune(months: int) -> None:
    """Delete feedback and counts older than N months (the privacy notice states the period)."""
    keep_from = months_before(dt.date.today(), months)
    store = current_app.extensions["signpost.feedback"]
    deleted = store.prune(keep_from)
    click.echo(f"kept everything from {keep_from} on; deleted " + ", ".join(
        f"{count} {table.replace('_', ' ')}" for table, count in deleted.items()))


@feedback_cli.command("migrate")
def feedback_migrate() -> None:
    """Bring the feedback store's tables up to date (the site also does this as it starts)."""
    store = current_app.extensions["signpost.feedback"]
    applied = store.migrate()
    done = f"applied {', '.join(map(str, applied))}; " if applied else "nothing to do; "
    click.echo(f"{store.db.describe()}: {done}schema version {store.version()}")


posters_cli = AppGroup("posters", help="Make printable posters.")


@posters_cli.command("build")
@click.option("--out", type=click.Path(file_okay=False), default="var/posters",
              help="Folder to write the posters into (default var/posters, which git ignores).")
@click.option("--size", default="a4", type=click.Choice(["a4", "a5", "table-card"]))
@click.option("--audience", default="teens",
              type=click.Choice(["children", "teens", "young-adults", "parents"]))
@click.option("--language", "languages", multiple=True, help="Only these languages.")
@click.option("--need", "needs", multiple=True, help="Only these needs.")
@click.option("--format", "fmt", default="pdf", type=click.Choice(["pdf", "png"]))
def posters_build(out: str, size: str, audience: str, languages: tuple, needs: tuple,
                  fmt: str) -> None:
    """Write a poster for every need in every language (PDF, 300 dpi)."""
    from pathlib import Path

    from werkzeug.datastructures import MultiDict

    from . import posters, qr
    from .views.posters import poster_request, poster_text

    content = load_content(current_app.config["CONTENT_DIR"])
    langs = languages or current_app.config["LANGUAGES"]
    slugs = needs or [n.slug for n in content.needs]
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(lang, slug) for lang in langs for slug in slugs]
    with current_app.test_request_context(), click.progressbar(
            jobs, label=f"Drawing {_posters(len(jobs))}", show_pos=True) as bar:
        for lang, slug in bar:
            req = poster_request(MultiDict({"language": lang, "need": slug, "size": size,
                                            "audience": audience}), lang)
            image = posters.build(poster_text(req),
                                  qr.target_url(current_app.config["SITE_URL"], req.path, None),
                                  size)
            data = posters.to_pdf(image) if fmt == "pdf" else posters.to_png(image)
            (folder / f"{slug}-{lang}-{size}.{fmt}").write_bytes(data)
    click.echo(f"wrote {_posters(len(jobs))} to {folder}/")


def _posters(count: int) -> str:
    """'1 poster', '192 posters'."""
    return f"{count} poster" if count == 1 else f"{count} posters"


campaigns_cli = AppGroup("campaigns", help="See which posters and links are used.")


@campaigns_cli.command("report")
@_store_errors_explained
def campaigns_report() -> None:
    """Scans per campaign per week (ISO weeks, Monday first)."""
    import datetime as dt
    from collections import defaultdict

    from .export import printable

    weeks: dict[tuple[str, str], int] = defaultdict(int)
    for campaign, day, count in current_app.extensions["signpost.feedback"].rows(
            "campaign_scans"):
        year, week, _ = dt.date.fromisoformat(day).isocalendar()
        weeks[(campaign, f"{year}-W{week:02d}")] += count
    if not weeks:
        click.echo("No scans counted yet.")
        return
    click.echo(f"{'campaign':<42}{'week':<10}{'scans':>6}")
    for (campaign, week), count in sorted(weeks.items()):
        click.echo(f"{printable(campaign):<42}{week:<10}{count:>6}")


search_cli = AppGroup("search", help="The search index.")


@search_cli.command("build")
@click.argument("directory", required=False)
def search_build(directory: str | None) -> None:
    """Write the search index to DIRECTORY (default: SIGNPOST_INDEX_DIR), for workers to open."""
    import time
    from pathlib import Path

    from . import snapshot
    from .search import prebuilt_is_current

    target = directory or current_app.config["INDEX_DIR"]
    if not target:
        raise click.UsageError("say where: flask --app wsgi search build var/index, or set "
                               "SIGNPOST_INDEX_DIR")
    index = current_app.extensions["signpost.index"]
    started = time.perf_counter()
    if not prebuilt_is_current(index.content, target):  # start-up may have just built it there
        index.build(target)
    # Beside the index, the loaded content, so workers skip reading every file (start-up wrote
    # it already when it loaded the files for SIGNPOST_INDEX_DIR; not for another directory).
    stamp = current_app.extensions.get("signpost.snapshot_stamp")
    if stamp is None or Path(target).resolve() != Path(current_app.config["INDEX_DIR"]).resolve():
        snapshot.save_quietly(index.content, target,
                              stamp or snapshot.fingerprint(index.content.root))
    click.echo(f"Search index of {counted(len(index.content.services), 'service')} in {target} "
               f"({(time.perf_counter() - started) * 1000:.0f} ms)")
openreferral_cli = AppGroup("openreferral", help="Open Referral UK data in and out.")


@openreferral_cli.command("import")
@click.argument("source")
@click.option("--into", "into", required=True, type=click.Path(file_okay=False),
              help="Content folder to write services/ (and the pack files it lacks) into.")
@click.option("--overwrite", is_flag=True, help="Replace service files that are already there.")
@click.option("--max-pages", type=click.IntRange(min=1), default=None,
              help="From an API: read at most this many pages of services.")
def openreferral_import(source: str, into: str, overwrite: bool, max_pages: int | None) -> None:
    """Import ORUK 3.0 JSON (a file, a folder of .json files, or an API's address)."""
    from pathlib import Path

    from .export import printable
    from .oruk_import import ImportError_, import_into, read_source

    try:
        documents = read_source(source, max_pages)
    except ImportError_ as exc:
        click.echo(f"Cannot import: {printable(exc)}", err=True)
        sys.exit(1)
    report = import_into(documents, Path(into), current_app.extensions["signpost.content"],
                         overwrite)
    for line in report.lines():
        click.echo(printable(line))
    click.echo(f"Next: .venv/bin/flask --app wsgi content check --path {into}")


def init_app(app: Flask) -> None:
    """Register the command groups."""
    app.cli.add_command(content_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(translations_cli)
    app.cli.add_command(feedback_cli)
    app.cli.add_command(posters_cli)
    app.cli.add_command(campaigns_cli)
    app.cli.add_command(openreferral_cli)
