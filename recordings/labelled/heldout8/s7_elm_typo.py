"""Session: Elm frontend, near-empty. A typo fix and small talk; nothing worth remembering."""
from _lib import U, A, T, edit, read, bash, write

turns = [
    U("hi, quick one: on the recipe detail page the heading says 'Ingredeints'. can you fix that"),
    A("Sure, let me find it."),
    bash("grep -rn 'Ingredeints' src/", "src/Page/Recipe.elm:88:            [ h2 [ class \"section-title\" ] [ text \"Ingredeints\" ]"),
    read("src/Page/Recipe.elm", '''viewIngredients : List Ingredient -> Html Msg
viewIngredients ingredients =
    section [ class "ingredients" ]
        [ h2 [ class "section-title" ] [ text "Ingredeints" ]
        , ul [] (List.map viewIngredient ingredients)
        ]'''),
    edit("src/Page/Recipe.elm", '[ text "Ingredeints" ]', '[ text "Ingredients" ]'),
    bash("npx elm make src/Main.elm --output=/dev/null", "Success! Compiled 14 modules.\n\n    Main ───> /dev/null"),
    A("Fixed in `src/Page/Recipe.elm`, and it compiles."),
    U("thanks! while i have you, how do i run elm-format on the whole folder?"),
    A("`npx elm-format src/ --yes`. Without `--yes` it asks for confirmation before overwriting files."),
    U("cool, run it"),
    bash("npx elm-format src/ --yes",
         "Processing file src/Api.elm\nProcessing file src/Main.elm\nProcessing file src/Page/Home.elm\nProcessing file src/Page/Recipe.elm\n"
         "Processing file src/Page/Search.elm\nProcessing file src/Route.elm\nProcessing file src/Types.elm\nProcessing file src/View/Card.elm"),
    bash("git diff --stat", " src/Page/Recipe.elm | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)"),
    A("Everything was already formatted; the only change in the tree is the typo fix."),
    U("great, have a nice day! how's the weather where you are haha"),
    A("No windows on my side, sadly. Have a nice day too!"),
]

session = {
    "id": "elm_typo",
    "project": "recipe-box",
    "cwd_files": ["src/Page/Recipe.elm"],
    "turns": turns,
    "gold": [],
    "dead_ends": [],
    "secrets": [],
    "supersedes": [],
}

if __name__ == "__main__":
    write(session)
