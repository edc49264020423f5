"""Modal dialogs that ask one thing and return the answer (`dismiss(value)`), one per
module; import each from its module."""
