"""The rows of `docexport --dump-layout` that the validators read (src/layout/dump.cpp writes them).

LINE    a visual line of horizontal text:  `  N y BASELINE x LEFT w WIDTH fF/SIZE TEXT`
COLUMN  a column of vertical text:         `  N column x CENTRE y TOP h LENGTH fF/SIZE TEXT`
RUBY    a ruby annotation run:             `  ruby y Y x X w W fF/SIZE TEXT`
Each captures its four numbers (RUBY: y, x and the size) and then the text.
"""
import re

LINE = re.compile(r"\s+\d+ y (\S+) x (\S+) w (\S+) f\d+/(\S+) (.*)")
COLUMN = re.compile(r"\s+\d+ column x (\S+) y (\S+) h (\S+) f\d+/(\S+) (.*)")
RUBY = re.compile(r"\s+ruby y (\S+) x (\S+) w \S+ f\d+/(\S+) (.*)")
