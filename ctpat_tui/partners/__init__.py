"""The business-partner register outside the profile file: spreadsheets in and out, security questionnaires."""
