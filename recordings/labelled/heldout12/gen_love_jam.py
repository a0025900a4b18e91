from _common import U, A, T, G, D, write

MAIN = '''-- moth jam: tiny top-down thing
-- controls: wasd / arrows
-- the palyer is a moth, lamps attract it

local player = { x = 400, y = 300, speed = 180, img = nil }
local lamps = {}

function love.load()
  love.window.setTitle("moth")
  player.img = love.graphics.newImage("assets/moth.png")
  for i = 1, 5 do
    lamps[i] = { x = love.math.random(50, 750), y = love.math.random(50, 550), on = true }
  end
end

function love.update(dt)
  local dx, dy = 0, 0
  if love.keyboard.isDown("a", "left") then dx = dx - 1 end
  if love.keyboard.isDown("d", "right") then dx = dx + 1 end
  if love.keyboard.isDown("w", "up") then dy = dy - 1 end
  if love.keyboard.isDown("s", "down") then dy = dy + 1 end
  player.x = player.x + dx * player.speed * dt
  player.y = player.y + dy * player.speed * dt
end

function love.draw()
  for _, l in ipairs(lamps) do
    if l.on then love.graphics.circle("fill", l.x, l.y, 12) end
  end
  love.graphics.draw(player.img, player.x, player.y, 0, 1, 1, 16, 16)
end
'''

turns = [
    U("hi :) game jam weekend, tiny love2d thing. quick question: what's the difference between the dt passed to "
      "love.update and love.timer.getDelta()?"),
    A("In practice none: the default `love.run` calls `love.timer.step()` once per frame and passes the result to "
      "`love.update(dt)`; `love.timer.getDelta()` returns that same value. `getDelta()` is just handy when you need the "
      "frame time somewhere that doesn't receive `dt`, e.g. inside `love.draw` or a helper module."),
    U("ok cool. and is it bad to just multiply the speed by dt for the player?"),
    A("No, that's the standard way for movement — it makes speed independent of frame rate. It only gets tricky with "
      "physics or collisions that must be deterministic; then people use a fixed timestep (an accumulator that runs "
      "the update in constant 1/60 s steps). For a jam game with simple movement, `speed * dt` is fine."),
    U("nah no physics, it's a top-down thing, multiply by dt is fine then"),
    T("Read", "main.lua", MAIN),
    A("Looks good. Diagonal movement is about 1.41× faster than straight (dx and dy both 1); if that bothers you, "
      "normalise the vector — but lots of jam games leave it."),
    U("haha I'll leave it, moths are weird anyway. can you run it to check it starts? I'm on my phone lol"),
    T("Bash", "love --version; timeout 5 love . ; echo \"exit $?\"",
      "LOVE 11.5 (Mysterious Mysteries)\nexit 124"),
    A("It starts and runs until `timeout` kills it after 5 s (exit 124 = killed by timeout), no Lua errors."),
    U("sweet. oh, can you fix the typo in the comment on line 3, 'palyer'"),
    T("Edit", "main.lua", "--- a/main.lua\n+++ b/main.lua\n@@ -1,4 +1,4 @@\n -- moth jam: tiny top-down thing\n -- controls: wasd / arrows\n--- the palyer is a moth, lamps attract it\n+-- the player is a moth, lamps attract it"),
    A("Fixed."),
    U("what does love.graphics.setDefaultFilter('nearest', 'nearest') do btw, saw it in every tutorial"),
    A("It sets the filter used when images are scaled: `nearest` keeps hard pixel edges (what you want for pixel art "
      "drawn at 2×/3×), the default `linear` smooths/blurs them. It must be called before `newImage`, so usually at the "
      "top of `love.load`."),
    U("ah makes sense, my sprites are painted, not pixel art, so whatever. ok thanks that's all!"),
    A("Have fun with the jam!"),
    U("ty 🙏"),
]

s = {
    "id": "love_jam",
    "project": "moth-jam",
    "cwd_files": ["main.lua", "conf.lua", "assets/moth.png"],
    "turns": turns,
    "gold": [],
    "dead_ends": [
        D("fixed timestep accumulator", ["accumulator"]),
        D("setDefaultFilter nearest for pixel art", ["setdefaultfilter"]),
    ],
    "secrets": [],
}
write(s)
