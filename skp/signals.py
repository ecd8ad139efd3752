"""Signals the SKP sends to the apps to its right (DESIGN.md §2: skp never imports them)."""

from django.dispatch import Signal

# A rating's predikat changed after it was given (an objection decided as DIUBAH, PP 30/2019 Pasal 59).
# Sent inside the decision's transaction with pemda_id, pegawai_id, tahun, bulan (the months whose
# monthly predikat it is, `selectors.predikat_bulan`) and actor. A receiver returns a list of
# Indonesian sentences about what followed (tpp: a recalculated row, or a closed month to reopen).
predikat_berubah = Signal()
