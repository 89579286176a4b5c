# Placeholder: filled in by the tests commit.
