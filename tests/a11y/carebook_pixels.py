# carebook_pixels.py — what a screenshot shows: colours and WCAG contrast
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The contrast test reads the screen as ImageMagick's `import` writes it
# (binary PPM, so no imaging library is needed), crops a label's extents
# as AT-SPI gives them, and compares the label's two dominant colours
# with the WCAG 2.1 formula.

import subprocess
from collections import Counter


class Shot:
    """A screenshot of the whole display as rows of RGB bytes."""

    def __init__(self, display):
        data = subprocess.run(['import', '-display', display, '-window', 'root', '-depth', '8',
                               'ppm:-'],
                              capture_output=True, check=True).stdout
        # P6 <w> <h> <max>\n then the pixels; comments are not written.
        fields = []
        pos = 0
        while len(fields) < 4:
            while data[pos:pos + 1].isspace():
                pos += 1
            end = pos
            while not data[end:end + 1].isspace():
                end += 1
            fields.append(data[pos:end])
            pos = end
        if fields[0] != b'P6' or int(fields[3]) != 255:
            raise ValueError('not an 8-bit PPM')
        self.width, self.height = int(fields[1]), int(fields[2])
        self.pixels = data[pos + 1:]

    def same(self, other, x, y, w, h):
        """Whether @other shows the same pixels inside the rectangle."""
        if (self.width, self.height) != (other.width, other.height):
            return False
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(self.width, x + w), min(self.height, y + h)
        for row in range(y0, y1):
            start = (row * self.width + x0) * 3
            end = start + (x1 - x0) * 3
            if self.pixels[start:end] != other.pixels[start:end]:
                return False
        return True

    def colours(self, x, y, w, h):
        """A Counter of the (r, g, b) colours inside the rectangle."""
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(self.width, x + w), min(self.height, y + h)
        out = Counter()
        for row in range(y0, y1):
            start = (row * self.width + x0) * 3
            line = self.pixels[start:start + (x1 - x0) * 3]
            out.update(zip(line[0::3], line[1::3], line[2::3]))
        return out


def luminance(rgb):
    def channel(c):
        c = c / 255.0
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b):
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def text_colours(counts):
    """The background (the commonest colour) and the text's colour: of the
    colours that cover a fair share of the other pixels, the one that
    stands out most, which is what the glyphs' full-coverage stems are
    drawn in (their anti-aliased edges blend towards the background).
    Returns None when the rectangle holds a single colour."""
    if len(counts) < 2:
        return None
    background, n_background = counts.most_common(1)[0]
    rest = sum(counts.values()) - n_background
    if rest < 6:
        return None
    floor = max(3, rest * 0.02)
    candidates = [c for c, n in counts.items() if c != background and n >= floor]
    if not candidates:
        return None
    text = max(candidates, key=lambda c: ratio(c, background))
    return background, text


def hex_colour(rgb):
    return '#%02x%02x%02x' % rgb
