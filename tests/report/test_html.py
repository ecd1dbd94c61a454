"""The brief's template environment: the filters every template writes numbers and counts with."""

import pytest

from sat.report.html import environment


@pytest.mark.parametrize(
    ("template", "n", "said"),
    [
        ('{{ n | counted("question") }} unanswered', 1, "1 question unanswered"),
        ('{{ n | counted("question") }} unanswered', 0, "0 questions unanswered"),
        ('{{ n | counted("question") }} unanswered', 3, "3 questions unanswered"),
        ('{{ n | counted("hypothesis", "hypotheses") }}', 2, "2 hypotheses"),
        ('{{ n | counted("hypothesis", "hypotheses") }}', 1, "1 hypothesis"),
    ],
)
def test_a_count_takes_the_number_of_its_noun(template, n, said):
    assert environment().from_string(template).render(n=n) == said
