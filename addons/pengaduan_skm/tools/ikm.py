"""The arithmetic of the Indeks Kepuasan Masyarakat (PermenPANRB 14/2017), without the ORM.

NRR of an element = sum of its scores / respondents who answered it; IKM = 25 x sum(NRR) / 9
with the exact weight 1/9 (the regulation's worked example rounds the weight to 0.111, which
lowers the index by at most 0.1 point: 25 x 36 x (1/9 - 0.111)); the grades and the minimum
sample (Krejcie & Morgan) are the regulation's tables.
"""

import bisect

ELEMENTS = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")
SCORES = (1, 2, 3, 4)
# the index is 25 x the mean NRR: 25.00 (all 1) to 100.00 (all 4)
CONVERSION = 25
# lowest IKM (2 decimals) and lowest NRR (4 decimals) of each grade, best first
IKM_GRADES = (("A", 88.31), ("B", 76.61), ("C", 65.00), ("D", 25.00))
NRR_GRADES = (("A", 3.5324), ("B", 3.0644), ("C", 2.60), ("D", 1.00))

# Krejcie & Morgan (1970): population -> minimum sample (95 % confidence, 5 % error)
KREJCIE_MORGAN = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44),
    (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76),
    (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118),
    (180, 123), (190, 127), (200, 132), (210, 136), (220, 140), (230, 144), (240, 148),
    (250, 152), (260, 155), (270, 159), (280, 162), (290, 165), (300, 169), (320, 175),
    (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210),
    (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254),
    (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278), (1100, 285), (1200, 291),
    (1300, 297), (1400, 302), (1500, 306), (1600, 310), (1700, 313), (1800, 317), (1900, 320),
    (2000, 322), (2200, 327), (2400, 331), (2600, 335), (2800, 338), (3000, 341), (3500, 346),
    (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368),
    (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381),
    (75000, 382), (1000000, 384),
)
_POPULATIONS = [population for population, _sample in KREJCIE_MORGAN]


def nrr(score_sum, respondents):
    """Nilai rata-rata of an element, 4 decimals; None when nobody answered it."""
    if not respondents:
        return None
    return round(score_sum / respondents, 4)


def ikm(nrrs):
    """The index from the nine elements' NRR (exact weight 1/9), 2 decimals; None unless all
    nine were answered."""
    values = [nrrs.get(element) for element in ELEMENTS]
    if any(value is None for value in values):
        return None
    return round(CONVERSION * sum(values) / len(ELEMENTS), 2)


def _grade(value, table):
    if value is None:
        return False
    for grade, lowest in table:
        if value >= lowest:
            return grade
    return "D"


def ikm_grade(value):
    """A, B, C or D for an index (2 decimals); False without one."""
    return _grade(value, IKM_GRADES)


def nrr_grade(value):
    """A, B, C or D for an element's NRR (4 decimals); False without one."""
    return _grade(value, NRR_GRADES)


def minimum_sample(population):
    """The minimum number of respondents for ``population`` services delivered: the table's row
    of the next population up (the larger sample), the population itself when smaller than 10."""
    if population <= 0:
        return 0
    if population < _POPULATIONS[0]:
        return population
    index = bisect.bisect_left(_POPULATIONS, population)
    return KREJCIE_MORGAN[min(index, len(KREJCIE_MORGAN) - 1)][1]
