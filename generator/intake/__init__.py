"""Intake for people who do not write YAML: roster import, record scaffolds, the 征集表 online and on paper."""
