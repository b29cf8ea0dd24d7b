"""What the site and the open data share: the site data, the views, disclosure control, the change
history and the PII guard. Below both publishers, so that neither reaches into the other."""
