"""Mutated shipped profiles: only linkcheck's own error type ever escapes load, validation and assessment.

`benchmarks/fuzz_profiles.py` runs the same mutations many more times and prints the count.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from .mutations import load_and_assess, mutated_profile


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_profile())
def test_only_linkcheck_errors_escape(case):
    name, text = case
    assert load_and_assess(name, text) in ("refused", "assessed")
