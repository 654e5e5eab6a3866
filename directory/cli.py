"""Command-line tools for content editors: `flask --app wsgi content check`."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .content import load_content

content_cli = AppGroup("content", help="Check the content pack.")


@content_cli.command("check")
@click.option("--path", default=None, help="Content folder to check (default: the app's).")
def check(path: str | None) -> None:
    """Validate every content file; print each problem with how to fix it."""
    folder = path or current_app.config["CONTENT_DIR"]
    # Checked fresh from disk, so an editor sees the files as they are now.
    content = load_content(folder)
    for problem in sorted(content.problems, key=lambda p: (p.file, p.line)):
        label = "error" if problem.severity == "error" else "warning"
        click.echo(f"{problem}  [{label}]")
    unchecked = [s.slug for s in content.services if s.needs_checking]
    needs_used = {n for s in content.services for n in s.needs}
    areas_used = {a for s in content.services for a in s.service_areas}
    for need in content.needs:
        if need.slug not in needs_used:
            click.echo(f"content/needs.yml: {need.slug}: no service is tagged with this need — "
                       "tag at least one service with it  [warning]")
    for area in content.areas:
        if area.slug not in areas_used:
            click.echo(f"content/areas.yml: {area.slug}: no local service covers this area — "
                       "add one, so people there see something local  [warning]")
    click.echo(
        f"{len(content.services)} services, {len(content.needs)} needs, {len(content.areas)} "
        f"areas: {len(content.errors)} errors, {len(content.warnings)} warnings; "
        f"{len(unchecked)} services marked as needing their details checked."
    )
    if content.errors:
        click.echo("Fix the errors above: entries with errors are left off the site.", err=True)
        sys.exit(1)


translations_cli = AppGroup("translations", help="Check how much of the site is translated.")


@translations_cli.command("status")
@click.option("--missing/--no-missing", default=True, help="List what is not yet translated.")
def status(missing: bool) -> None:
    """Per language: how much of the interface and of the content is translated."""
    from .translation_status import coverage

    folder = current_app.config["BABEL_TRANSLATION_DIRECTORIES"]
    content = load_content(current_app.config["CONTENT_DIR"])
    report = coverage(folder, content)
    click.echo(f"{'language':<10}{'interface':>12}{'content':>12}")
    for lang, row in report.items():
        click.echo(f"{lang:<10}{row.interface_percent:>11.0f}%{row.content_percent:>11.0f}%"
                   f"   ({row.interface_done}/{row.interface_total} messages, "
                   f"{row.content_done}/{row.content_total} content texts)")
    if missing:
        for lang, row in report.items():
            for what in row.missing:
                click.echo(f"{lang}: missing {what}")


def init_app(app: Flask) -> None:
    """Register the command groups."""
    app.cli.add_command(content_cli)
    app.cli.add_command(translations_cli)
