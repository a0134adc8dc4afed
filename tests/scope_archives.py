"""Three article folders for the scope tests: two servers' archives and a shared one.

``beta`` holds many articles about the lighthouse, far better matches for "lighthouse keeper"
than ``alpha``'s one passage about it: a scope filter applied after taking the archive's best
few would leave ``alpha`` with nothing.
"""

from __future__ import annotations

from pathlib import Path

ALPHA_LIGHTHOUSE = "The harbour committee said the old lighthouse keeper retired after forty years."
BETA_PREFIX = "Beta lighthouse report"
PUBLIC_BAKERY = "The village bakery won the regional bread prize for its sourdough loaf."


def write_archives(root: Path) -> dict[str, Path]:
    """``root/articles/{alpha,alpha/notes,beta,public}`` with their articles; returns the folders."""
    base = root / "articles"
    folders = {name: base / name for name in ("alpha", "beta", "public")}
    folders["alpha_notes"] = folders["alpha"] / "notes"
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    (folders["alpha"] / "harbour.txt").write_text(
        f"Harbour committee meets\n\n{ALPHA_LIGHTHOUSE}\n\nThe committee also discussed fishing quotas and the new pier.\n")
    (folders["alpha_notes"] / "pier.txt").write_text(
        "Pier repairs begin\n\nWorkers began repairing the wooden pier on Monday, the council engineer said.\n")
    for n in range(40):
        (folders["beta"] / f"light{n:02}.txt").write_text(
            f"{BETA_PREFIX} {n}\n\nThe lighthouse keeper lit the lighthouse lamp; lighthouse keeper duty number {n} "
            f"kept the lighthouse keeper awake all night in the lighthouse.\n")
    (folders["public"] / "bakery.txt").write_text(f"Bakery prize\n\n{PUBLIC_BAKERY}\n")
    return folders
