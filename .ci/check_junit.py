"""Fail a CI run whose JUnit report shows no test run, a failure, or any skipped test."""

import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()  # noqa: S314 - our own report
suites = [root] if root.tag == "testsuite" else list(root)
total = sum(int(s.get("tests", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
print(f"{sys.argv[1]}: {total} tests, {failed} failed, {skipped} skipped")
if total == 0 or failed or skipped:
    sys.exit("CI needs every test to run and pass, with none skipped.")
