"""Where the project's files are, in one place: the repository root and its data/ folder."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
