"""The directors report: notebooks run by papermill, exported to HTML."""
