"""core.evidence policy: whoever may see the record may see (and download) its evidence."""

import rules

from fazhi.core.access import can_see_record

# Object twin of selectors.evidence_files_visible_to (agency/jurisdiction copied from the record).
rules.add_perm("evidence.view_evidencefile", can_see_record)
