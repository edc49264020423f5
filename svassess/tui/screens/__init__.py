"""One screen or dialog per module: home, questionnaire, review, results, help, dialogs."""
