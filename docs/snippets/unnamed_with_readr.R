library(readr)

# Every column as text, exactly as written; only an empty cell is missing.
read <- function(table) {
  read_csv(file.path("data", paste0(table, ".csv")), col_types = cols(.default = col_character()), na = "")
}

quotes <- read("quotes")
actors <- read("actors")
sources <- read("sources")
unnamed <- actors[actors$is_named == "false", c("actor_id", "name")]
answer <- merge(quotes, unnamed, by.x = "speaker_actor_id", by.y = "actor_id")
answer <- merge(answer, sources[, c("source_id", "text")], by = "source_id", all.x = TRUE, suffixes = c("", "_source"))
write_csv(answer[order(answer$quote_id), c("quote_id", "name", "source_id", "text_source")], stdout())
