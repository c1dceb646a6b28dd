#!/usr/bin/python3
"""Builds the code-page font files in this directory from Debian's DejaVu Sans.

Run from the repository root (needs Debian's fonts-dejavu-core and python3-fonttools):

    /usr/bin/python3 pdf/fonts/build.py

Each face is cut into pages of at most 256 characters, so that gofpdf can embed a page as a
plain single-byte TrueType font: no parsing, subsetting or compressing per document. Page 0
holds ASCII, Latin-1 and the symbols the forms print; the other pages hold the rest, in code
point order. pdf/fonts.go reads the characters of a page from its cmap.
"""
import os
import subprocess
import sys

from fontTools.ttLib import TTFont

SRC = "/usr/share/fonts/truetype/dejavu"
FACES = ["DejaVuSans", "DejaVuSans-Bold"]
OUT = os.path.dirname(os.path.abspath(__file__))

# Latin in all its forms, and the punctuation and symbols clinical forms use.
RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x00FF),  # Basic Latin, Latin-1 Supplement
    (0x0100, 0x017F), (0x0180, 0x024F),  # Latin Extended-A, -B
    (0x0250, 0x02AF), (0x02B0, 0x02FF),  # IPA (ɛ, ɔ in African orthographies), modifiers (ʻ ʼ)
    (0x0300, 0x036F),  # combining marks, for letters with no precomposed form
    (0x0391, 0x03A9), (0x03B1, 0x03C9),  # Greek letters of units and tests (μ, β-hCG)
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese, Yoruba)
    (0x2000, 0x206F), (0x2070, 0x209F),  # general punctuation, super/subscripts
    (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2150, 0x218F), (0x2190, 0x21FF),
    (0x2212, 0x2212), (0x2215, 0x2215), (0x2219, 0x221A), (0x221E, 0x221E),
    (0x2248, 0x2248), (0x2260, 0x2260), (0x2264, 0x2265),  # − ∕ ∙ √ ∞ ≈ ≠ ≤ ≥
    (0x25A0, 0x25FF), (0x2610, 0x2612), (0x2713, 0x2718),  # shapes, ballot boxes, check marks
    (0x2C60, 0x2C7F), (0xA720, 0xA7FF),  # Latin Extended-C, -D
]

# Page 0 keeps ASCII and Latin-1 at their own codes and puts these in 0x80-0x9F.
PAGE0_EXTRAS = [
    0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2020, 0x2021, 0x2022,
    0x2026, 0x2030, 0x2039, 0x203A, 0x2044, 0x20AC, 0x2116, 0x2122, 0x2190, 0x2192, 0x2212,
    0x2248, 0x2260, 0x2264, 0x2265, 0x2610, 0x2611, 0x2612, 0x2713, 0x2714, 0x2717,
]
PAGE_SIZE = 222  # codes 0x21-0x7E and 0x80-0xFF of pages after the first


def main():
    want = set()
    for lo, hi in RANGES:
        want.update(range(lo, hi + 1))
    have = None
    for face in FACES:
        cmap = set(TTFont(os.path.join(SRC, face + ".ttf"))["cmap"].getBestCmap())
        have = cmap if have is None else have & cmap
    runes = sorted(want & have)
    page0 = [r for r in runes if r < 0x100] + [r for r in PAGE0_EXTRAS if r in have]
    assert len(PAGE0_EXTRAS) <= 32 and all(r in have for r in PAGE0_EXTRAS)
    rest = [r for r in runes if r not in set(page0)]
    pages = [sorted(page0)] + [rest[i:i + PAGE_SIZE] for i in range(0, len(rest), PAGE_SIZE)]
    for face in FACES:
        for n, page in enumerate(pages):
            out = os.path.join(OUT, "%s.%d.ttf" % (face, n))
            subprocess.run([
                sys.executable, "-m", "fontTools.subset", os.path.join(SRC, face + ".ttf"),
                "--unicodes=" + ",".join("U+%04X" % r for r in page),
                "--layout-features=", "--no-hinting", "--notdef-outline",
                "--drop-tables+=GSUB,GPOS,GDEF,kern,FFTM",
                "--output-file=" + out,
            ], check=True)
    print("%d characters in %d pages" % (len(runes), len(pages)))


if __name__ == "__main__":
    main()
