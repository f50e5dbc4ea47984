"""`careleaf manifest merge`: one manifest from the shards of a split build."""

from __future__ import annotations

from pathlib import Path

import click

from careleaf import __version__
from careleaf.build.manifest import MANIFEST, merge_manifests
from careleaf.errors import counted
from careleaf.project import Project


@click.group("manifest")
def manifest_group() -> None:
    """Work with output/manifest.json."""


@manifest_group.command("merge")
@click.argument(
    "manifests",
    nargs=-1,
    required=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
)
@click.option(
    "--out",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("output") / MANIFEST,
    show_default=True,
    help="Where to write the merged manifest.",
)
def merge_command(manifests: tuple[Path, ...], target: Path) -> None:
    """Merge the manifests of `careleaf build --shard K/N` runs into one.

    The same PDF listed by two shards must have the same sha256.
    """
    show = Project(Path.cwd()).show
    count = merge_manifests(
        ((p, show(p.resolve())) for p in manifests),
        target,
        show(target.resolve()),
        f"careleaf {__version__}",
    )
    click.echo(
        f"careleaf: merged {counted(len(manifests), 'manifest')}, {counted(count, 'output')}, "
        f"into {show(target.resolve())}"
    )
