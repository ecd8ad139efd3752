"""Signals other apps listen to, so that accounts never imports them (DESIGN.md §2: one direction)."""

from django.dispatch import Signal

# Sent after a posting starts or ends, with pegawai_ids (the people whose place in the tree changed)
# and since (the first date affected). Activities re-derives who approves waiting entries.
penempatan_changed = Signal()
