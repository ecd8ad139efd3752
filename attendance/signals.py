"""Signals other apps listen to, so that attendance never imports them (DESIGN.md §2: one direction)."""

from django.dispatch import Signal

# Sent when holidays of a pemda were added or removed in bulk (bulk_create sends no post_save), with
# pemda_id. Activities forgets its kept copy of the input calendar (activities.selectors.kalender_input).
libur_berubah = Signal()

# Sent to ask which discipline events (JenisKejadian values) the pay rules in force know, with
# pemda_id, opd_id (None: the pemda-wide rules) and tanggal; a receiver returns a collection of codes.
# The event form offers, and kejadian_create records, only events every receiver knows: an event
# without a cut would leave the person without TPP. tpp answers (tpp.apps).
kejadian_dikenal = Signal()
