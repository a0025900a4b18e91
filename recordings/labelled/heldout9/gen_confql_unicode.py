"""Session: OCaml with dune (user thinks aloud)."""
from _common import U, A, T, write

DUNE_PROJECT = '''(lang dune 3.16)
(using menhir 3.0)

(name confql)
(version 0.7.1)

(generate_opam_files true)

(source (github kstrand/confql))
(license ISC)
(authors "Kari Strand")
(maintainers "kari@strand.dev")

(package
 (name confql)
 (synopsis "A small typed configuration language")
 (depends
  (ocaml (>= 5.1))
  (menhir (>= 20231231))
  (cmdliner (>= 1.3))
  (ppx_expect :with-test)
  (ppx_deriving :with-test)))
'''

LIB_DUNE = '''(library
 (name confql)
 (public_name confql)
 (libraries menhirLib))

(ocamllex lexer)

(menhir
 (modules parser)
 (flags --explain --dump --table))
'''

LEXER_MLL = '''{
open Parser

exception Error of string * Lexing.position * Lexing.position

let keywords = Hashtbl.of_seq (List.to_seq [
  "true", TRUE; "false", FALSE; "null", NULL; "include", INCLUDE; "let", LET
])
}

let digit = ['0'-'9']
let alpha = ['a'-'z' 'A'-'Z' '_']
let ident = alpha (alpha | digit | '-')*
let ws = [' ' '\\t']+

rule token = parse
  | ws              { token lexbuf }
  | '\\n'            { Lexing.new_line lexbuf; token lexbuf }
  | '#' [^ '\\n']*   { token lexbuf }
  | digit+ as n     { INT (int_of_string n) }
  | digit+ '.' digit+ as f { FLOAT (float_of_string f) }
  | digit+ alpha    { raise (Error ("unexpected identifier after number",
                                    Lexing.lexeme_start_p lexbuf, Lexing.lexeme_end_p lexbuf)) }
  | '"'             { string (Buffer.create 16) lexbuf }
  | ident as id     { match Hashtbl.find_opt keywords id with Some k -> k | None -> IDENT id }
  | '='             { EQ }
  | '.'             { DOT }
  | ','             { COMMA }
  | '{'             { LBRACE }
  | '}'             { RBRACE }
  | '['             { LBRACK }
  | ']'             { RBRACK }
  | eof             { EOF }
  | _ as c          { raise (Error (Printf.sprintf "unexpected character %C" c,
                                    Lexing.lexeme_start_p lexbuf, Lexing.lexeme_end_p lexbuf)) }

and string buf = parse
  | '"'             { STRING (Buffer.contents buf) }
  | "\\\\\\""          { Buffer.add_char buf '"'; string buf lexbuf }
  | '\\n'            { Lexing.new_line lexbuf; Buffer.add_char buf '\\n'; string buf lexbuf }
  | eof             { raise (Error ("unterminated string", Lexing.lexeme_start_p lexbuf, Lexing.lexeme_end_p lexbuf)) }
  | _ as c          { Buffer.add_char buf c; string buf lexbuf }
'''

EXPECT_DIFF_1 = '''File "test/test_lexer.ml", line 1, characters 0-0:
------ test/test_lexer.ml
++++++ test/test_lexer.ml.corrected
File "test/test_lexer.ml", line 48, characters 0-1:
 |let%expect_test "unicode identifier" =
 |  print_tokens {|größe = 3|};
 |  [%expect {|
 |    IDENT "größe"
 |    EQ
 |    INT 3
 |    EOF |}]
 |
 |let%expect_test "error position after unicode identifier" =
 |  print_result {|größe = ?|};
 |  [%expect {|
-|    Error: 1:9-1:10 unexpected character '?' |}]
+|    Error: 1:11-1:12 unexpected character '?' |}]
 |
 |let%expect_test "invalid utf-8 is rejected" =
 |  print_result "ab\\xff = 1";
 |  [%expect {|
-|    Error: 1:3-1:4 invalid UTF-8 |}]
+|    Ok [ab\\255 = 1] |}]
 |
 |let%expect_test "emoji in string literal keeps columns" =
 |  print_result {|name = "🦀" ?|};
 |  [%expect {|
-|    Error: 1:12-1:13 unexpected character '?' |}]
+|    Error: 1:15-1:16 unexpected character '?' |}]
File "test/test_parse.ml", line 1, characters 0-0:
------ test/test_parse.ml
++++++ test/test_parse.ml.corrected
File "test/test_parse.ml", line 112, characters 0-1:
 |let%expect_test "nested table with unicode keys" =
 |  print_result {|
 |    straße {
 |      länge = 12.5
 |      höhe  = ?
 |    }
 |  |};
 |  [%expect {|
-|    Error: 4:15-4:16 unexpected character '?' |}]
+|    Error: 4:16-4:17 unexpected character '?' |}]'''

BUILD_ERR = '''File "lib/dune", line 6, characters 0-16:
6 | (ocamllex lexer)
    ^^^^^^^^^^^^^^^^
Error: Multiple rules generated for _build/default/lib/lexer.ml:
- file present in source tree
- lib/dune:6
Hint: rm -f lib/lexer.ml'''

LEXER_ML = '''open Parser

exception Error of string * Lexing.position * Lexing.position

let keywords = Hashtbl.of_seq (List.to_seq [
  "true", TRUE; "false", FALSE; "null", NULL; "include", INCLUDE; "let", LET
])

let digit = [%sedlex.regexp? '0' .. '9']
(* XID_Start / XID_Continue: what Rust/Python use for identifiers *)
let ident_start = [%sedlex.regexp? xid_start | '_']
let ident_cont = [%sedlex.regexp? xid_continue | '-']
let ident = [%sedlex.regexp? ident_start, Star ident_cont]

let error msg buf =
  let s, e = Sedlexing.lexing_positions buf in
  raise (Error (msg, s, e))

let rec token buf =
  match%sedlex buf with
  | Plus (' ' | '\\t') -> token buf
  | '\\n' -> Sedlexing.new_line buf; token buf
  | '#', Star (Compl '\\n') -> token buf
  | Plus digit, '.', Plus digit -> FLOAT (float_of_string (Sedlexing.Utf8.lexeme buf))
  | Plus digit -> INT (int_of_string (Sedlexing.Utf8.lexeme buf))
  | '"' -> string (Buffer.create 16) buf
  | ident ->
    let id = Sedlexing.Utf8.lexeme buf in
    (match Hashtbl.find_opt keywords id with Some k -> k | None -> IDENT id)
  | '=' -> EQ
  | '.' -> DOT
  | ',' -> COMMA
  | '{' -> LBRACE
  | '}' -> RBRACE
  | '[' -> LBRACK
  | ']' -> RBRACK
  | eof -> EOF
  | any -> error (Printf.sprintf "unexpected character '%s'" (Sedlexing.Utf8.lexeme buf)) buf
  | _ -> assert false

and string acc buf =
  match%sedlex buf with
  | '"' -> STRING (Buffer.contents acc)
  | "\\\\\\"" -> Buffer.add_char acc '"'; string acc buf
  | '\\n' -> Sedlexing.new_line buf; Buffer.add_char acc '\\n'; string acc buf
  | eof -> error "unterminated string" buf
  | any -> Buffer.add_string acc (Sedlexing.Utf8.lexeme buf); string acc buf
  | _ -> assert false
'''

EXPECT_DIFF_2 = '''File "test/test_lexer.ml", line 1, characters 0-0:
------ test/test_lexer.ml
++++++ test/test_lexer.ml.corrected
File "test/test_lexer.ml", line 62, characters 0-1:
 |let%expect_test "invalid utf-8 is rejected" =
 |  print_result "ab\\xff = 1";
 |  [%expect {|
-|    Error: 1:3-1:4 invalid UTF-8 |}]
+|    Error: 1:3-1:3 malformed UTF-8 input (Sedlexing.MalFormed) |}]
 |
File "test/test_parse.ml", line 1, characters 0-0:
------ test/test_parse.ml
++++++ test/test_parse.ml.corrected
File "test/test_parse.ml", line 201, characters 0-1:
 |let%expect_test "keyword prefix is an identifier" =
 |  print_tokens {|nullable = true|};
 |  [%expect {|
 |    IDENT "nullable"
 |    EQ
 |    TRUE
 |    EOF |}]
 |
 |let%expect_test "digits cannot start identifiers" =
 |  print_result {|3d = 1|};
 |  [%expect {|
-|    Error: 1:1-1:2 unexpected identifier after number |}]
+|    Error: 1:2-1:3 syntax error |}]'''

turns = [
    U("ok so. issue #41 on confql: someone wants non-ASCII identifiers, `größe = 3` blows up with \"unexpected "
      "character\". fair enough. the lexer is ocamllex, which is byte based... hmm. I think the cheap trick is to just "
      "accept any byte >= 0x80 as an identifier char? utf-8 continuation bytes are all >= 0x80 so a multi-byte char "
      "would just be swallowed into the ident. let's try that first and see what breaks. I already wrote the expect "
      "tests for it in test/test_lexer.ml and test_parse.ml (they fail right now obviously)."),
    A("Makes sense as a first experiment. Let me look at the lexer and build setup."),
    T("Read", "dune-project", DUNE_PROJECT),
    T("Read", "lib/dune", LIB_DUNE),
    T("Read", "lib/lexer.mll", LEXER_MLL),
    T("Edit", "lib/lexer.mll", '''@@
 let digit = ['0'-'9']
-let alpha = ['a'-'z' 'A'-'Z' '_']
+(* accept any non-ASCII byte: UTF-8 multi-byte sequences are all >= 0x80 *)
+let alpha = ['a'-'z' 'A'-'Z' '_' '\\128'-'\\255']
 let ident = alpha (alpha | digit | '-')*'''),
    T("Bash", "dune test 2>&1 | head -80", EXPECT_DIFF_1),
    A("The identifiers themselves now lex (`IDENT \"größe\"` passes), but three kinds of breakage:\n\n1. **Columns are "
      "byte offsets.** `Lexing.position` counts bytes, so after `größe` (5 characters, 7 bytes) the `?` is reported "
      "at column 11 instead of 9. Your expected outputs use character columns, which is also what editors show.\n"
      "2. **Invalid UTF-8 is accepted.** `ab\\xff` lexes as an identifier, because any byte ≥ 0x80 counts.\n3. Emoji "
      "in strings shift every later column on that line, same root cause as 1."),
    U("hm. right, of course, the positions. and accepting \\xff is gross. I could convert byte offsets to character "
      "columns when I print errors... walk the line and count code points... no, that's hacky, every consumer of "
      "positions would need to know. ugh. ok what are the real options here"),
    A("Realistic options:\n\n1. **sedlex** — a lexer generator (ppx) that works on Unicode code points, has "
      "`xid_start`/`xid_continue` classes for identifiers, rejects malformed UTF-8 (`Sedlexing.MalFormed`) and tracks "
      "positions in code points. It plugs into menhir through `Sedlexing.with_tokenizer` + "
      "`MenhirLib.Convert.Simplified.traditional2revised`. Rewriting the lexer is mechanical (~60 lines).\n2. **Keep "
      "ocamllex + convert positions** at error-reporting time (what you just described), plus a UTF-8 validation pass "
      "before lexing.\n3. **Hand-written lexer** over `Uutf` decoding — full control, most code.\n\nI'd go with 1."),
    U("sedlex. the hand-written one is a no, I did that in a previous life and never again. also while you're in "
      "there, errors: I want the public API to stay `Confql.parse : string -> (Ast.t, Error.t) result`, so whatever "
      "the lexer raises internally has to be caught at the boundary. exceptions inside lexer/parser are fine, just never "
      "let them escape the library."),
    T("Bash", "git checkout lib/lexer.mll && opam install sedlex --yes 2>&1 | tail -6", '''The following actions will be performed:
  ∗ install gen    1.1      [required by sedlex]
  ∗ install sedlex 3.3
===== ∗ 2 =====
∗ installed gen.1.1
∗ installed sedlex.3.3
Done.'''),
    T("Edit", "lib/lexer.ml", "@@ new file\n" + "\n".join("+" + l for l in LEXER_ML.splitlines())),
    T("Edit", "lib/dune", '''@@
 (library
  (name confql)
  (public_name confql)
- (libraries menhirLib))
+ (libraries sedlex menhirLib)
+ (preprocess (pps sedlex.ppx)))'''),
    T("Edit", "lib/confql.ml", '''@@
 let parse (src : string) : (Ast.t, Error.t) result =
-  let lexbuf = Lexing.from_string src in
-  match Parser.main Lexer.token lexbuf with
-  | ast -> Ok ast
-  | exception Lexer.Error (msg, s, e) -> Error (Error.make msg s e)
-  | exception Parser.Error -> Error (Error.of_lexbuf "syntax error" lexbuf)
+  let buf = Sedlexing.Utf8.from_string src in
+  let lexer = Sedlexing.with_tokenizer Lexer.token buf in
+  let parser = MenhirLib.Convert.Simplified.traditional2revised Parser.main in
+  match parser lexer with
+  | ast -> Ok ast
+  | exception Lexer.Error (msg, s, e) -> Error (Error.make msg s e)
+  | exception Sedlexing.MalFormed ->
+    let s, e = Sedlexing.lexing_positions buf in
+    Error (Error.make "malformed UTF-8 input" s e)
+  | exception Parser.Error ->
+    let s, e = Sedlexing.lexing_positions buf in
+    Error (Error.make "syntax error" s e)'''),
    T("Bash", "dune build 2>&1", BUILD_ERR),
    A("Dune still has the `(ocamllex lexer)` stanza, which wants to generate `lexer.ml` from the `.mll` and now "
      "collides with the hand-written `lib/lexer.ml`. Removing the stanza and the old `.mll`."),
    T("Bash", "git rm -q lib/lexer.mll && sed -i '/(ocamllex lexer)/d' lib/dune && dune build 2>&1 && dune test 2>&1 | head -60",
      EXPECT_DIFF_2),
    A("Builds. All the column tests pass now, including the emoji-in-string one. Two remaining diffs, both about "
      "error *wording*, not positions:\n\n- invalid UTF-8 now reports `malformed UTF-8 input` (from "
      "`Sedlexing.MalFormed`) with an empty span instead of your `invalid UTF-8`.\n- `3d = 1` now gives a generic "
      "`syntax error` one token later: the old `.mll` had a `digit+ alpha` rule "
      "that raised `unexpected identifier after number`, and I dropped it when porting. My mistake.\n\nI can make the first one say `invalid UTF-8` and give it "
      "a 1-char span, or you can accept the new output."),
    U("let me look... hmm, malformed UTF-8 input is fine honestly, maybe even better. the 1:3-1:3 empty span bugs me "
      "though, an editor can't underline that. and the 3d one, yes put it back, that message was there for a reason, "
      "people write `3d` meaning a duration all the time. so: keep the new wording, fix the span, restore the 3d rule."),
    A("Restoring the `3d` rule (before the plain-integer rule so it wins) and giving malformed input a one-character "
      "span."),
    T("Edit", "lib/lexer.ml", '''@@ let rec token buf =
   | Plus digit, '.', Plus digit -> FLOAT (float_of_string (Sedlexing.Utf8.lexeme buf))
+  | Plus digit, ident_start -> error "unexpected identifier after number" buf
   | Plus digit -> INT (int_of_string (Sedlexing.Utf8.lexeme buf))'''),
    T("Edit", "lib/confql.ml", '''@@
   | exception Sedlexing.MalFormed ->
-    let s, e = Sedlexing.lexing_positions buf in
-    Error (Error.make "malformed UTF-8 input" s e)
+    let s, _ = Sedlexing.lexing_positions buf in
+    Error (Error.make "malformed UTF-8 input" s { s with pos_cnum = s.pos_cnum + 1 })'''),
    T("Bash", "dune test 2>&1 | head -30", '''File "test/test_lexer.ml", line 1, characters 0-0:
------ test/test_lexer.ml
++++++ test/test_lexer.ml.corrected
File "test/test_lexer.ml", line 62, characters 0-1:
 |let%expect_test "invalid utf-8 is rejected" =
 |  print_result "ab\\xff = 1";
 |  [%expect {|
-|    Error: 1:3-1:4 invalid UTF-8 |}]
+|    Error: 1:3-1:4 malformed UTF-8 input |}]'''),
    U("good. promote"),
    T("Bash", "dune promote && dune test && git diff --stat", '''Promoting _build/default/test/test_lexer.ml.corrected to test/test_lexer.ml.
 lib/confql.ml        | 19 +++++++++-----
 lib/dune             |  5 ++--
 lib/lexer.ml         | 58 ++++++++++++++++++++++++++++++++++++++++
 lib/lexer.mll        | 47 --------------------------------
 test/test_lexer.ml   |  2 +-
 5 files changed, 73 insertions(+), 58 deletions(-)'''),
    A("All expect tests pass. I also need to declare the new dependency — adding `sedlex` to `confql.opam`."),
    T("Edit", "confql.opam", '''@@ depends: [
   "ocaml" {>= "5.1"}
   "menhir" {>= "20231231"}
+  "sedlex" {>= "3.3"}'''),
    U("no wait, the opam file is generated from dune-project (generate_opam_files), your edit will just get "
      "overwritten on the next build. put it in dune-project's depends"),
    T("Bash", "git checkout confql.opam && sed -i 's/  (menhir (>= 20231231))/  (menhir (>= 20231231))\\n  (sedlex (>= 3.3))/' dune-project && dune build && git diff confql.opam",
      '''diff --git a/confql.opam b/confql.opam
index 3c51f0e..a8d2b17 100644
--- a/confql.opam
+++ b/confql.opam
@@ -12,6 +12,7 @@ depends: [
   "dune" {>= "3.16"}
   "ocaml" {>= "5.1"}
   "menhir" {>= "20231231"}
+  "sedlex" {>= "3.3"}
   "cmdliner" {>= "1.3"}
   "ppx_expect" {with-test}
   "ppx_deriving" {with-test}'''),
    A("Done via `dune-project`; the regenerated `confql.opam` picks it up.\n\nOne thing worth deciding: `größe` can be "
      "written in two Unicode forms — precomposed `ö` (NFC) or `o` + combining diaeresis (NFD). Right now those are "
      "two different identifiers, so a config written on macOS (which sometimes hands you NFD) might not match a key "
      "typed on Linux. Normalising identifiers to NFC in the lexer would fix that, but needs `uunf`. Do we want it?"),
    U("ooh. hm. good question. probably yes? it's the kind of thing that bites someone in a year and they spend a day "
      "on it. but not today, this PR is big enough. leave it as a todo, NFC normalisation of identifiers with uunf. "
      "commit the rest as \"lexer: sedlex, unicode identifiers (#41)\""),
    T("Bash", "git add -A && git commit -q -m 'lexer: sedlex, unicode identifiers (#41)' && git log --oneline -1",
      "a93c0e7 lexer: sedlex, unicode identifiers (#41)"),
    A("Committed `a93c0e7`. Open item for later: NFC-normalise identifiers in the lexer (via `uunf`) so NFC/NFD "
      "spellings of the same key are equal."),
]

gold = [
    {"kind": "PROJECT", "summary": "confql: small typed config language; OCaml 5, dune, menhir parser, ppx_expect tests",
     "all_of": ["confql"], "any_of": ["ocaml", "dune", "menhir", "config"]},
    {"kind": "FAILED", "summary": "ocamllex accepting bytes >= 0x80 as ident chars: columns became byte offsets and invalid UTF-8 was accepted; reverted",
     "all_of": ["ocamllex"], "any_of": ["byte", "0x80", "column", "offset", "invalid utf-8", "\\xff"], "failure": True},
    {"kind": "DECISION", "summary": "lexer rewritten with sedlex (code points, xid_start/xid_continue) for unicode identifiers (#41)",
     "all_of": ["sedlex"], "any_of": ["unicode", "utf-8", "identifier", "ocamllex", "#41", "code point"]},
    {"kind": "PREFERENCE", "summary": "public API Confql.parse returns (Ast.t, Error.t) result; exceptions must not escape the library",
     "all_of": ["result"], "any_of": ["exception", "escape", "boundary", "parse"]},
    {"kind": "PATTERN", "summary": "opam file is generated: add dependencies in dune-project, not confql.opam",
     "all_of": ["dune-project"], "any_of": ["opam", "generated", "depends", "dependenc"]},
    {"kind": "PATTERN", "summary": "lexer/parser behaviour covered by ppx_expect tests in test/; accept output with dune promote",
     "all_of": ["promote"], "any_of": ["expect", "ppx_expect", "dune"]},
    {"kind": "TODO", "summary": "NFC-normalise identifiers in the lexer with uunf (NFC vs NFD keys differ)",
     "all_of": ["nfc"], "any_of": ["uunf", "normalis", "normaliz", "identifier", "nfd"]},
]

write({
    "id": "confql_unicode",
    "project": "confql",
    "cwd_files": ["lib/lexer.ml", "lib/dune", "lib/confql.ml", "dune-project", "test/test_lexer.ml"],
    "turns": turns,
    "gold": gold,
    "dead_ends": [
        {"summary": "keep ocamllex and convert byte offsets to character columns when printing errors",
         "all_of": ["convert", "offset"]},
        {"summary": "hand-written lexer over Uutf (rejected)", "all_of": ["uutf"]},
    ],
    "secrets": [],
    "supersedes": [],
})
