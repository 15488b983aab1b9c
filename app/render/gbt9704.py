"""GB/T 9704-2012 page geometry in the units a DOCX stores (twips = 1/20 pt, half-points, 1/4096 pt).

One place for the numbers: the reference.docx builder writes them, the DOCX writer converts character
indents with them, and the tests assert them.
"""

from __future__ import annotations

import math

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


# §5.2.1 paper A4; §5.2.2 margins (天头 37 mm, 订口 28 mm, text area 156 × 225 mm).
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37, 35, 28, 26

PAGE_WIDTH = mm_to_twips(PAGE_WIDTH_MM)  # 11906
PAGE_HEIGHT = mm_to_twips(PAGE_HEIGHT_MM)  # 16838
MARGIN_TOP = mm_to_twips(MARGIN_TOP_MM)  # 2098
MARGIN_BOTTOM = mm_to_twips(MARGIN_BOTTOM_MM)  # 1984
MARGIN_LEFT = mm_to_twips(MARGIN_LEFT_MM)  # 1587
MARGIN_RIGHT = mm_to_twips(MARGIN_RIGHT_MM)  # 1474
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8845 ≈ 156 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 12756 = 225 mm

# §5.2.3: 22 lines of 28 characters fill the text area.
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
CHARS_PER_PAGE = LINES_PER_PAGE * CHARS_PER_LINE  # 616

# §5.2.4 / §7: sizes in points. 3号 = 16 pt, 2号 = 22 pt, 4号 = 14 pt.
BODY_PT = 16
TITLE_PT = 22
PAGE_NUMBER_PT = 14

# Rounded down so that 22 lines never overflow the 225 mm by a fraction of a twip.
LINE_PITCH = TEXT_HEIGHT // LINES_PER_PAGE  # 579 twips = 28.95 pt

# 28 characters of 16 pt need 448 pt but the line is 8845 twips ≈ 442.25 pt. Word's own answer, a
# `linesAndChars` docGrid with a negative charSpace, is misread by LibreOffice (7.4 puts 14 characters on a
# line: each one takes two grid cells), so the characters are condensed instead: every character gives up
# a quarter point (w:spacing -5 twips), which both Word and LibreOffice apply, leaving a pitch of 15.75 pt.
# 28 × 315 = 8820 ≤ 8845 < 29 × 315. The docGrid keeps type `lines` with the line pitch.
CHAR_CONDENSE = math.floor(TEXT_WIDTH / CHARS_PER_LINE - BODY_PT * TWIPS_PER_PT)  # -5 twips
CHAR_PITCH = BODY_PT * TWIPS_PER_PT + CHAR_CONDENSE  # 315 twips, one body character

# §7.5: page numbers 7 mm below the text area (the 一字线 at that distance), one character in from the edge.
PAGE_NUMBER_GAP_MM = 7
PAGE_NUMBER_LINE = PAGE_NUMBER_PT * TWIPS_PER_PT  # exact line height of the page-number paragraph
PAGE_NUMBER_INDENT = PAGE_NUMBER_PT * TWIPS_PER_PT  # one 4号 character
# Word measures the footer from the page's bottom edge to the bottom of the footer's last line; the dash
# sits in the middle of that line, so the line's middle is placed 7 mm below the text area.
FOOTER_DISTANCE = MARGIN_BOTTOM - mm_to_twips(PAGE_NUMBER_GAP_MM) - PAGE_NUMBER_LINE // 2


def chars_to_twips(chars: float) -> int:
    """An indent given in body characters, on the document's character grid."""
    return round(chars * CHAR_PITCH)
