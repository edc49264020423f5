"""The buyer types and nations a tender may name: also the command line's choices, so that
building the parser for every command does not import the tender model."""

BUYER_TYPES = ("central-government", "local-authority", "nhs", "housing-association", "other")
NATIONS = ("england", "wales", "scotland", "northern-ireland")
NATION_NAMES = {"england": "England", "wales": "Wales", "scotland": "Scotland",
                "northern-ireland": "Northern Ireland"}
BUYER_TYPE_NAMES = {"central-government": "Central government", "local-authority":
                    "Local authority", "nhs": "NHS", "housing-association": "Housing association",
                    "other": "Other"}
