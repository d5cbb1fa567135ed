import rules

from fazhi.core.access import can_see_record, has_role, is_head

handles = has_role("officer", "reconsideration_staff") & can_see_record

rules.add_perm("procedures_testapp.decide_acceptance", handles)
rules.add_perm("procedures_testapp.handle_case", handles)
rules.add_perm("procedures_testapp.approve_extension", handles & is_head)
rules.add_perm("procedures_testapp.decide_case", handles)
rules.add_perm("procedures_testapp.supervise", has_role("supervisor") & can_see_record)
