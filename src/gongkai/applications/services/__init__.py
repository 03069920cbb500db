"""Writes on applications. The event log is the only truth: every step is a keyword-only `<entity>_<action>` that
appends one event through `log.append_event`, which accepts it only if `gongkai.workdays.derive_case` over the stored
events plus the new one still makes a lawful case (else `StepRefused`, in Chinese with the article), then rewrites
the application's cached state from that same function in the same transaction. Each step drafts the letter that
goes with it; an audit entry is left for every event (never with personal data).

- `log`: `append_event` and the cached state; `intake`: registering; `steps`: correction, consultation, extension,
  第35条, fees, decision, delivery, closing; `schedule`: a year's schedule entered; `appeals`; `tokens`.
"""

from gongkai.applications.services.appeals import appeal_decide, appeal_filing_warning, appeal_register
from gongkai.applications.services.intake import (
    APPLICATION_FIELDS,
    CODE_ALPHABET,
    application_reissue_code,
    application_submit,
    new_tracking_code,
    with_retries,
)
from gongkai.applications.services.log import (
    CACHED_FIELDS,
    FEE_CACHED_FIELDS,
    StepRefused,
    append_event,
    cached_state,
    fee_cached_state,
    write_cache,
)
from gongkai.applications.services.schedule import applications_recompute_for_schedule
from gongkai.applications.services.steps import (
    OUTCOME_DETAILS,
    application_assign,
    application_close,
    application_decide,
    application_deliver,
    application_extend,
    application_lapse_correction,
    application_lapse_fee,
    application_record_consultation_answer,
    application_record_correction,
    application_record_notice_receipt,
    application_record_payment,
    application_request_correction,
    application_request_reasons,
    application_send_fee_notice,
    application_set_period,
    application_start_consultation,
    applications_in_month,
    open_consultations,
)
from gongkai.applications.services.tokens import api_token_create

__all__ = [
    "APPLICATION_FIELDS",
    "CACHED_FIELDS",
    "CODE_ALPHABET",
    "FEE_CACHED_FIELDS",
    "OUTCOME_DETAILS",
    "StepRefused",
    "api_token_create",
    "appeal_decide",
    "appeal_filing_warning",
    "appeal_register",
    "append_event",
    "application_assign",
    "application_close",
    "application_decide",
    "application_deliver",
    "application_extend",
    "application_lapse_correction",
    "application_lapse_fee",
    "application_record_consultation_answer",
    "application_record_correction",
    "application_record_notice_receipt",
    "application_record_payment",
    "application_reissue_code",
    "application_request_correction",
    "application_request_reasons",
    "application_send_fee_notice",
    "application_set_period",
    "application_start_consultation",
    "application_submit",
    "applications_in_month",
    "applications_recompute_for_schedule",
    "cached_state",
    "fee_cached_state",
    "new_tracking_code",
    "open_consultations",
    "with_retries",
    "write_cache",
]
