"""Signals other apps listen to, so that attendance never imports them (DESIGN.md §2: one direction)."""

from django.dispatch import Signal

# Sent when holidays of a pemda were added or removed in bulk (bulk_create sends no post_save), with
# pemda_id. Activities forgets its kept copy of the input calendar (activities.selectors.kalender_input).
libur_berubah = Signal()
