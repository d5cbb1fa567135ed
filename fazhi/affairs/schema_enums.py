"""drf-spectacular enum names of the affairs choices (spliced into settings.SPECTACULAR_SETTINGS);
plain strings, importable before Django is set up."""

ENUM_NAME_OVERRIDES = {
    f"{name}Enum": f"fazhi.affairs.choices.{cls}"
    for name, cls in (
        ("DisclosureApplicantKind", "ApplicantKind"),
        ("DisclosureChannel", "DisclosureChannel"),
        ("SuggestionKind", "SuggestionKind"),
        ("SuggestionCategory", "SuggestionCategory"),
        ("SuggestionSatisfaction", "Satisfaction"),
        ("PetitionChannel", "PetitionChannel"),
        ("PetitionRoute", "PetitionRoute"),
        ("PetitionOutcome", "PetitionOutcome"),
        ("LegalAidKind", "LegalAidKind"),
        ("LegalAidConsultationChannel", "ConsultationChannel"),
        ("LegalEducationKind", "EducationKind"),
        ("LegalEducationAudience", "Audience"),
        ("StudySessionKind", "StudyKind"),
    )
}
# The affairs "channel" fields would otherwise collide with the reconsideration application channel.
ENUM_NAME_OVERRIDES["ReconsiderationChannelEnum"] = "fazhi.disputes.choices.Channel"
# …and the suggestion "category" with the inspection matter category.
ENUM_NAME_OVERRIDES["InspectionMatterCategoryEnum"] = "fazhi.inspection.choices.MatterCategory"
