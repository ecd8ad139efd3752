"""The demo pemda "Pemerintah Kota Tomohon" for `manage.py seed_demo` (issue 3, "Demo data").

Deterministic: every choice comes from `random.Random(2026)` and fixed tables, so two runs with the
same `--employees` give the same people, NIPs and postings. The only date that follows the clock is
the mid-month mutation (the 16th of the current month), so that it is always "this month".

Shape (RULES.md §5, PP 18/2016): the Sekretariat Daerah (Sekda → asisten → bagian → subbagian →
staff), dinas/badan (kepala → sekretaris → subbagian → staff; kepala → kepala bidang → fungsional
and pelaksana), UPT (puskesmas, schools) and kecamatan/kelurahan. The default size keeps the core;
a larger `employees` adds OPDs, kecamatan, kelurahan, puskesmas and schools, then more holders per
pelaksana/fungsional post. Rows go in with `bulk_create` (a 10,000-employee pemda in seconds).

Modules: `tables` (the reference tables, names and the seed's constants), `org_data` (the tables of
the organisation: Setda, the OPDs, kelurahan, puskesmas), `org` (the skeleton built from them),
`people` (a person for each post) and `seed` (writing it all, and the persona logins). The names
`seed_demo` and the tests use are the ones below.
"""

from .seed import DemoExists as DemoExists
from .seed import DemoResult as DemoResult
from .seed import Login as Login
from .seed import persona_logins as persona_logins
from .seed import seed_demo as seed_demo
from .tables import DEFAULT_EMPLOYEES as DEFAULT_EMPLOYEES
from .tables import PASSWORD as PASSWORD
from .tables import PERSONAS as PERSONAS
