package dev.gearbox.cache;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The word lists the false-hit guards read. English only: a prompt in another language passes
 * the word-based guards (its digits, capitalised names and identifiers are still compared).
 */
final class Lexicon {
  private Lexicon() {}

  static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
      Map.entry("zero", "0"), Map.entry("one", "1"), Map.entry("single", "1"),
      Map.entry("two", "2"),
      Map.entry("three", "3"), Map.entry("four", "4"), Map.entry("five", "5"),
      Map.entry("six", "6"), Map.entry("seven", "7"), Map.entry("eight", "8"),
      Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"),
      Map.entry("twelve", "12"), Map.entry("dozen", "12"), Map.entry("thirteen", "13"),
      Map.entry("fourteen", "14"), Map.entry("fifteen", "15"), Map.entry("sixteen", "16"),
      Map.entry("seventeen", "17"), Map.entry("eighteen", "18"), Map.entry("nineteen", "19"),
      Map.entry("twenty", "20"), Map.entry("thirty", "30"), Map.entry("forty", "40"),
      Map.entry("fifty", "50"), Map.entry("sixty", "60"), Map.entry("seventy", "70"),
      Map.entry("eighty", "80"), Map.entry("ninety", "90"), Map.entry("hundred", "100"),
      Map.entry("thousand", "1000"), Map.entry("million", "1000000"),
      Map.entry("billion", "1000000000"), Map.entry("trillion", "1000000000000"),
      Map.entry("first", "1"), Map.entry("second", "2"), Map.entry("third", "3"),
      Map.entry("fourth", "4"), Map.entry("fifth", "5"), Map.entry("sixth", "6"),
      Map.entry("seventh", "7"), Map.entry("eighth", "8"), Map.entry("ninth", "9"),
      Map.entry("tenth", "10"), Map.entry("half", "0.5"), Map.entry("quarter", "0.25"),
      Map.entry("twice", "2"), Map.entry("double", "2"), Map.entry("triple", "3"));

  /** Unit spellings to one canonical name; plurals are folded before the lookup. */
  static final Map<String, String> UNITS = Map.ofEntries(
      Map.entry("km", "km"), Map.entry("kilometer", "km"), Map.entry("kilometre", "km"),
      Map.entry("m", "m"), Map.entry("meter", "m"), Map.entry("metre", "m"),
      Map.entry("cm", "cm"), Map.entry("centimeter", "cm"), Map.entry("centimetre", "cm"),
      Map.entry("mm", "mm"), Map.entry("millimeter", "mm"), Map.entry("millimetre", "mm"),
      Map.entry("mile", "mile"), Map.entry("mi", "mile"), Map.entry("yard", "yard"),
      Map.entry("foot", "foot"), Map.entry("feet", "foot"), Map.entry("ft", "foot"),
      Map.entry("inch", "inch"), Map.entry("in.", "inch"),
      Map.entry("kg", "kg"), Map.entry("kilogram", "kg"), Map.entry("kilo", "kg"),
      Map.entry("g", "g"), Map.entry("gram", "g"), Map.entry("mg", "mg"),
      Map.entry("milligram", "mg"), Map.entry("lb", "lb"), Map.entry("lbs", "lb"),
      Map.entry("pound", "lb"), Map.entry("oz", "oz"), Map.entry("ounce", "oz"),
      Map.entry("ton", "ton"), Map.entry("tonne", "ton"), Map.entry("stone", "stone"),
      Map.entry("l", "l"), Map.entry("liter", "l"), Map.entry("litre", "l"),
      Map.entry("ml", "ml"), Map.entry("milliliter", "ml"), Map.entry("millilitre", "ml"),
      Map.entry("gallon", "gallon"), Map.entry("gal", "gallon"), Map.entry("pint", "pint"),
      Map.entry("cup", "cup"), Map.entry("tablespoon", "tbsp"), Map.entry("tbsp", "tbsp"),
      Map.entry("teaspoon", "tsp"), Map.entry("tsp", "tsp"),
      Map.entry("celsius", "celsius"), Map.entry("°c", "celsius"), Map.entry("c°", "celsius"),
      Map.entry("fahrenheit", "fahrenheit"), Map.entry("°f", "fahrenheit"),
      Map.entry("kelvin", "kelvin"), Map.entry("degree", "degree"), Map.entry("°", "degree"),
      Map.entry("ms", "ms"), Map.entry("millisecond", "ms"), Map.entry("second", "s"),
      Map.entry("sec", "s"), Map.entry("s", "s"), Map.entry("minute", "min"),
      Map.entry("min", "min"), Map.entry("hour", "h"), Map.entry("hr", "h"),
      Map.entry("h", "h"), Map.entry("day", "day"), Map.entry("week", "week"),
      Map.entry("month", "month"), Map.entry("year", "year"), Map.entry("decade", "decade"),
      Map.entry("century", "century"),
      Map.entry("mph", "mph"), Map.entry("kph", "km/h"), Map.entry("km/h", "km/h"),
      Map.entry("kmh", "km/h"), Map.entry("knot", "knot"),
      Map.entry("$", "usd"), Map.entry("usd", "usd"), Map.entry("dollar", "usd"),
      Map.entry("€", "eur"), Map.entry("eur", "eur"), Map.entry("euro", "eur"),
      Map.entry("£", "gbp"), Map.entry("gbp", "gbp"), Map.entry("¥", "jpy"),
      Map.entry("yen", "jpy"), Map.entry("jpy", "jpy"), Map.entry("inr", "inr"),
      Map.entry("rupee", "inr"), Map.entry("rs", "inr"), Map.entry("₹", "inr"),
      Map.entry("yuan", "cny"), Map.entry("cny", "cny"), Map.entry("btc", "btc"),
      Map.entry("bitcoin", "btc"),
      Map.entry("%", "percent"), Map.entry("percent", "percent"),
      Map.entry("percentage", "percent"),
      Map.entry("bit", "bit"), Map.entry("byte", "byte"), Map.entry("kb", "kb"),
      Map.entry("mb", "mb"), Map.entry("gb", "gb"), Map.entry("tb", "tb"),
      Map.entry("kilobyte", "kb"), Map.entry("megabyte", "mb"), Map.entry("gigabyte", "gb"),
      Map.entry("terabyte", "tb"), Map.entry("hz", "hz"), Map.entry("khz", "khz"),
      Map.entry("mhz", "mhz"), Map.entry("ghz", "ghz"), Map.entry("w", "w"),
      Map.entry("watt", "w"), Map.entry("kw", "kw"), Map.entry("kilowatt", "kw"),
      Map.entry("kwh", "kwh"), Map.entry("v", "v"), Map.entry("volt", "v"),
      Map.entry("amp", "a"), Map.entry("mah", "mah"), Map.entry("calorie", "kcal"),
      Map.entry("kcal", "kcal"), Map.entry("cal", "kcal"), Map.entry("acre", "acre"),
      Map.entry("hectare", "hectare"), Map.entry("sqft", "sqft"), Map.entry("psi", "psi"),
      Map.entry("bar", "bar"), Map.entry("pixel", "px"), Map.entry("px", "px"),
      Map.entry("dpi", "dpi"), Map.entry("fps", "fps"), Map.entry("rpm", "rpm"));

  /** Scales that complete "degrees": "100 degrees Fahrenheit" is 100 fahrenheit. */
  static final Set<String> TEMPERATURE_SCALES = Set.of("celsius", "fahrenheit", "kelvin");

  /** Units that are also everyday words or letters: units only right after a number. */
  static final Set<String> UNITS_ONLY_AFTER_NUMBERS = Set.of(
      "m", "g", "l", "s", "h", "w", "v", "c°", "in.", "min", "sec", "hr", "mi", "gal", "cup",
      "stone", "bar", "cal", "amp", "degree", "rs", "second", "pixel", "px", "acre", "knot");

  static final Map<String, String> MONTHS = Map.ofEntries(
      Map.entry("january", "01"), Map.entry("jan", "01"), Map.entry("february", "02"),
      Map.entry("feb", "02"), Map.entry("march", "03"), Map.entry("mar", "03"),
      Map.entry("april", "04"), Map.entry("apr", "04"), Map.entry("may", "05"),
      Map.entry("june", "06"), Map.entry("jun", "06"), Map.entry("july", "07"),
      Map.entry("jul", "07"), Map.entry("august", "08"), Map.entry("aug", "08"),
      Map.entry("september", "09"), Map.entry("sep", "09"), Map.entry("sept", "09"),
      Map.entry("october", "10"), Map.entry("oct", "10"), Map.entry("november", "11"),
      Map.entry("nov", "11"), Map.entry("december", "12"), Map.entry("dec", "12"));

  /** Month names that are also common words: months only beside a number or capitalised. */
  static final Set<String> AMBIGUOUS_MONTHS =
      Set.of("may", "march", "mar", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  static final Map<String, String> WEEKDAYS = Map.ofEntries(
      Map.entry("monday", "mon"), Map.entry("tuesday", "tue"), Map.entry("wednesday", "wed"),
      Map.entry("thursday", "thu"), Map.entry("friday", "fri"), Map.entry("saturday", "sat"),
      Map.entry("sunday", "sun"), Map.entry("weekend", "weekend"));

  static final Set<String> RELATIVE_DAYS = Set.of(
      "today", "tomorrow", "yesterday", "tonight", "now", "currently", "ago", "recent",
      "recently", "upcoming", "morning", "afternoon", "evening", "midnight", "noon", "am", "pm",
      "spring", "summer", "autumn", "winter", "christmas", "easter");

  /** Words that place a period relative to now: "next week", "last year", "this month". */
  static final Set<String> PERIOD_SHIFTERS = Set.of("next", "last", "this", "previous", "coming");

  static final Set<String> PERIODS = Set.of(
      "day", "week", "weekend", "month", "quarter", "year", "decade", "century", "season",
      "summer", "winter", "spring", "autumn", "fall", "morning", "night", "time");

  static final Set<String> NEGATIONS = Set.of(
      "not", "no", "never", "none", "nothing", "nobody", "nowhere", "neither", "nor", "without",
      "cannot", "cant", "unable", "lack", "lacks", "lacking", "isnt", "arent", "wasnt", "werent",
      "dont", "doesnt", "didnt", "wont", "wouldnt", "shouldnt", "couldnt", "hasnt", "havent",
      "hadnt", "mustnt", "neednt", "aint");

  /** Pairs of opposites: a prompt with one and not the other never matches its mirror. */
  static final List<List<String>> OPPOSITES = List.of(
      List.of("on", "off"), List.of("enable", "disable"), List.of("enabled", "disabled"),
      List.of("start", "stop"), List.of("open", "close"), List.of("increase", "decrease"),
      List.of("raise", "lower"), List.of("add", "remove"), List.of("include", "exclude"),
      List.of("allow", "deny"), List.of("allow", "block"), List.of("lock", "unlock"),
      List.of("buy", "sell"), List.of("before", "after"), List.of("above", "below"),
      List.of("upload", "download"), List.of("import", "export"),
      List.of("push", "pull"), List.of("encrypt", "decrypt"), List.of("encode", "decode"),
      List.of("connect", "disconnect"), List.of("install", "uninstall"),
      List.of("subscribe", "unsubscribe"), List.of("login", "logout"), List.of("max", "min"),
      List.of("maximum", "minimum"), List.of("more", "less"), List.of("most", "least"),
      List.of("best", "worst"), List.of("better", "worse"), List.of("pro", "con"),
      List.of("advantage", "disadvantage"), List.of("benefit", "drawback"),
      List.of("win", "lose"), List.of("true", "false"), List.of("first", "last"),
      List.of("hot", "cold"), List.of("high", "low"), List.of("higher", "lower"),
      List.of("fast", "slow"), List.of("faster", "slower"), List.of("big", "small"),
      List.of("bigger", "smaller"), List.of("large", "small"), List.of("long", "short"),
      List.of("cheap", "expensive"), List.of("left", "right"), List.of("north", "south"),
      List.of("east", "west"), List.of("male", "female"), List.of("man", "woman"),
      List.of("men", "women"), List.of("boy", "girl"), List.of("positive", "negative"),
      List.of("legal", "illegal"), List.of("possible", "impossible"), List.of("like", "dislike"),
      List.of("love", "hate"), List.of("agree", "disagree"), List.of("accept", "reject"),
      List.of("internal", "external"), List.of("input", "output"), List.of("send", "receive"),
      List.of("borrow", "lend"), List.of("gain", "loss"), List.of("profit", "loss"),
      List.of("rise", "fall"), List.of("success", "failure"), List.of("safe", "unsafe"),
      List.of("healthy", "unhealthy"), List.of("increase", "reduce"),
      List.of("inside", "outside"), List.of("entry", "exit"),
      List.of("asc", "desc"), List.of("ascending", "descending"),
      List.of("earlier", "later"), List.of("early", "late"), List.of("sync", "async"),
      List.of("synchronous", "asynchronous"), List.of("debit", "credit"),
      List.of("horizontal", "vertical"), List.of("upper", "lower"),
      List.of("uppercase", "lowercase"), List.of("weak", "strong"), List.of("easy", "hard"),
      List.of("easiest", "hardest"), List.of("light", "dark"), List.of("wet", "dry"));

  /** Capitalised words that begin or fill questions and name nothing. */
  static final Set<String> NOT_NAMES = Set.of(
      "i", "i'm", "i've", "i'll", "i'd", "ok", "okay", "hi", "hello", "please", "thanks",
      "what", "why", "how", "who", "whom", "whose", "which", "where", "when", "is", "are", "was",
      "were", "do", "does", "did", "can", "could", "should", "would", "will", "shall", "may",
      "might", "must", "the", "a", "an", "if", "in", "on", "at", "for", "to", "of", "and", "or",
      "but", "my", "your", "our", "their", "this", "that", "these", "those", "it", "its", "there",
      "here", "tell", "give", "explain", "describe", "list", "write", "name", "find", "show",
      "q", "a:", "q:", "yes", "no", "not", "also", "so", "then", "now", "today");

  /** Leading "I" forms and question words are never names, wherever they stand. */
  static final Set<String> ALWAYS_COMMON = Set.of("i", "i'm", "i've", "i'll", "i'd", "ok");
}
