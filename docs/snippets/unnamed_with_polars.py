import polars as pl


def read(table):
    # infer_schema=False: every column as text, exactly as written; an empty cell is null.
    return pl.read_csv(f"data/{table}.csv", infer_schema=False)


quotes, actors, sources = read("quotes"), read("actors"), read("sources")
unnamed = actors.filter(pl.col("is_named") == "false").select("actor_id", "name")
answer = (
    quotes.join(unnamed, left_on="speaker_actor_id", right_on="actor_id")
    .join(sources.select("source_id", pl.col("text").alias("text_source")), on="source_id", how="left")
    .select("quote_id", "name", "source_id", "text_source")
)
print(answer.write_csv())
