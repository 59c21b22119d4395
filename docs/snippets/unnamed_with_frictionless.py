import csv
import sys

from frictionless import Package

# Frictionless reads the descriptor and casts each cell to its schema type: is_named is a bool, an empty cell is None.
package = Package("datapackage.json")
actors = {row["actor_id"]: row for row in package.get_resource("actors").read_rows()}
sources = {row["source_id"]: row for row in package.get_resource("sources").read_rows()}

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["quote_id", "name", "source_id", "text_source"])
for quote in package.get_resource("quotes").read_rows():
    speaker = actors[quote["speaker_actor_id"]]
    if not speaker["is_named"]:
        work = sources.get(quote["source_id"])
        out.writerow([quote["quote_id"], speaker["name"], quote["source_id"], work["text"] if work else None])
