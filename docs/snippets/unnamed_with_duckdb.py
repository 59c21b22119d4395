import csv
import sys

import duckdb

# DuckDB reads each CSV in place and guesses its types: is_named becomes a boolean.
answer = duckdb.sql("""
    SELECT q.quote_id, a.name, q.source_id, s.text AS text_source
    FROM 'data/quotes.csv' AS q
    JOIN 'data/actors.csv' AS a ON a.actor_id = q.speaker_actor_id
    LEFT JOIN 'data/sources.csv' AS s ON s.source_id = q.source_id
    WHERE NOT a.is_named
    ORDER BY q.quote_id
""")
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(answer.columns)
out.writerows(answer.fetchall())
