import pandas as pd


def read(table):
    # Every cell as text, as in the file; only an empty cell is missing (pandas would also read "NA" or "null" as missing).
    return pd.read_csv(f"data/{table}.csv", dtype=str, keep_default_na=False, na_values=[""])


quotes, actors, sources = read("quotes"), read("actors"), read("sources")
unnamed = actors.loc[actors["is_named"] == "false", ["actor_id", "name"]]
answer = quotes.merge(unnamed, left_on="speaker_actor_id", right_on="actor_id").merge(
    sources[["source_id", "text"]], on="source_id", how="left", suffixes=("", "_source")
)
print(answer[["quote_id", "name", "source_id", "text_source"]].to_csv(index=False))
