"""The read API for the pemda's other systems (issue 19): token-authenticated, read-only JSON.

It reads every domain app through their models and selectors, so it sits right of them all
(`core ← accounts ← … ← tpp ← api`); nothing imports it but the project urls.
"""
