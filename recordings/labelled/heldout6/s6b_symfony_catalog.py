from _common import U, A, T, G, D, write

API_KEY = "ck_stg_4f9a0b3e7d2c1a8b6e5f0d7c"

COMPOSER_FAIL = '''./composer.json has been updated
Running composer update symfony/object-mapper
Loading composer repositories with package information
Restricting packages listed in "symfony/symfony" to "7.1.*"
Updating dependencies
Your requirements could not be resolved to an installable set of packages.

  Problem 1
    - Root composer.json requires symfony/object-mapper * -> satisfiable by symfony/object-mapper[v7.3.0-BETA1, ..., 7.4.x-dev].
    - symfony/object-mapper v7.3.0 requires symfony/var-exporter ^7.3 -> found symfony/var-exporter[v7.3.0, ..., v7.3.6] but it conflicts with your root composer.json require (7.1.*).

Use the option --with-all-dependencies (-W) to allow upgrades, downgrades and removals for packages currently locked to specific versions.
You can also try re-running composer require with an explicit version constraint, e.g. "composer require symfony/object-mapper:*" to figure out if any version is installable, or "composer require symfony/object-mapper:^2.1" if you know which you need.

Installation failed, reverting ./composer.json and ./composer.lock to their original content.'''

CURL_500 = '''HTTP/1.1 500 Internal Server Error
Cache-Control: no-cache, private
Content-Type: application/problem+json
X-Debug-Token: 3f9a1c
X-Debug-Token-Link: http://127.0.0.1:8000/_profiler/3f9a1c

{"type":"https://tools.ietf.org/html/rfc2616#section-10","title":"An error occurred","status":500,"detail":"Warning: Attempt to read property \\"url\\" on array","class":"ErrorException","trace":[{"namespace":"","short_class":"","class":"","type":"","function":"","file":"/home/dani/work/catalog-api/src/Controller/ProductController.php","line":58,"args":[]},{"namespace":"App\\\\Controller","short_class":"ProductController","class":"App\\\\Controller\\\\ProductController","type":"->","function":"create","file":"/home/dani/work/catalog-api/vendor/symfony/http-kernel/HttpKernel.php","line":183,"args":[]}]}'''

COMPOSER_OK = '''./composer.json has been updated
Running composer update phpdocumentor/reflection-docblock
Loading composer repositories with package information
Restricting packages listed in "symfony/symfony" to "7.1.*"
Updating dependencies
Lock file operations: 5 installs, 0 updates, 0 removals
  - Locking phpdocumentor/reflection-common (2.2.0)
  - Locking phpdocumentor/reflection-docblock (5.6.1)
  - Locking phpdocumentor/type-resolver (1.10.0)
  - Locking phpstan/phpdoc-parser (2.0.0)
  - Locking webmozart/assert (1.11.0)
Writing lock file
Installing dependencies from lock file (including require-dev)
Package operations: 5 installs, 0 updates, 0 removals
  - Installing webmozart/assert (1.11.0): Extracting archive
  - Installing phpstan/phpdoc-parser (2.0.0): Extracting archive
  - Installing phpdocumentor/reflection-common (2.2.0): Extracting archive
  - Installing phpdocumentor/type-resolver (1.10.0): Extracting archive
  - Installing phpdocumentor/reflection-docblock (5.6.1): Extracting archive
Generating optimized autoload files
84 packages you are using are looking for funding.
Use the `composer fund` command to find out more!

Run composer recipes at any time to see the status of your Symfony recipes.

Executing script cache:clear [OK]
Executing script assets:install public [OK]

No security vulnerability advisories found.'''

turns = [
    U("""Hi again :) So, remember the #[Groups] thing from two weeks ago? It turned into a mess. Product has 11 groups now, every new endpoint adds one, and last Thursday we leaked costPrice on the public list because Luca added product:read to the list context to get the description. I want to move to DTOs: readonly response classes, and #[MapRequestPayload] for the input. Start with products (list, show, create).

And before you suggest it: API Platform we used in my previous job, way too much magic and writing custom filters was a pain. So no."""),
    A("""Understood: explicit response DTOs so nothing reaches the JSON unless it's on the DTO, and input DTOs validated through `#[MapRequestPayload]`. The remaining choice is how to map entity to DTO:

1. A static named constructor on each DTO, e.g. `ProductView::fromEntity(Product $p)`. Plain PHP, no dependency.
2. `symfony/object-mapper` with `#[Map]` attributes on the DTO.
3. `jolicode/automapper`, which generates mappers and is fast, but it's one more library.

Which one?"""),
    U("""object-mapper sounds nice, it's the official Symfony one, right? try it"""),
    T("Bash", "composer require symfony/object-mapper", COMPOSER_FAIL),
    A("""That doesn't install: the ObjectMapper component only exists from Symfony 7.3, and this project is pinned to 7.1 (`extra.symfony.require: "7.1.*"`, hence "Restricting packages ... to 7.1.*"). Using it would mean upgrading the whole framework to 7.3 first. Composer already rolled back `composer.json` and `composer.lock`, so nothing changed.

I'd go with option 1, static `fromEntity()` constructors; it's a few lines per DTO."""),
    U("""meh. ok, fromEntity then. and no automapper either, I don't want another lib just for this."""),
    T("Edit", "src/Dto/Response/ProductView.php", '''+<?php
+
+namespace App\\Dto\\Response;
+
+use App\\Entity\\Product;
+
+final readonly class ProductView
+{
+    /** @param list<string> $images */
+    public function __construct(
+        public int $id,
+        public string $sku,
+        public string $name,
+        public ?string $description,
+        public float $price,
+        public ?string $category,
+        public array $images,
+    ) {
+    }
+
+    public static function fromEntity(Product $p): self
+    {
+        return new self(
+            id: $p->getId(),
+            sku: $p->getSku(),
+            name: $p->getName(),
+            description: $p->getDescription(),
+            price: $p->getPriceCents() / 100,
+            category: $p->getCategory()?->getName(),
+            images: array_map(static fn ($i) => $i->getUrl(), $p->getImages()->toArray()),
+        );
+    }
+}'''),
    T("Edit", "src/Dto/Response/ProductListItem.php", '''+final readonly class ProductListItem
+{
+    public function __construct(
+        public int $id,
+        public string $sku,
+        public string $name,
+        public float $price,
+        public ?string $category,
+        public ?string $thumbnail,
+    ) {
+    }
+
+    public static function fromEntity(Product $p): self
+    {
+        return new self($p->getId(), $p->getSku(), $p->getName(), $p->getPriceCents() / 100,
+            $p->getCategory()?->getName(), $p->getImages()->first()?->getUrl() ?: null);
+    }
+}'''),
    T("Edit", "src/Dto/Input/CreateProductInput.php", '''+<?php
+
+namespace App\\Dto\\Input;
+
+use Symfony\\Component\\Validator\\Constraints as Assert;
+
+final class CreateProductInput
+{
+    #[Assert\\NotBlank, Assert\\Length(max: 64), Assert\\Regex('/^[A-Z0-9-]+$/')]
+    public string $sku = '';
+
+    #[Assert\\NotBlank, Assert\\Length(max: 255)]
+    public string $name = '';
+
+    public ?string $description = null;
+
+    #[Assert\\Positive]
+    public int $priceCents = 0;
+
+    #[Assert\\PositiveOrZero]
+    public int $costPriceCents = 0;
+
+    #[Assert\\NotNull]
+    public ?int $categoryId = null;
+
+    /** @var ImageInput[] */
+    #[Assert\\Valid, Assert\\Count(max: 10)]
+    public array $images = [];
+}'''),
    T("Edit", "src/Controller/ProductController.php", '''@@
     #[Route('', methods: ['GET'])]
     public function list(ProductRepository $products): JsonResponse
     {
-        return $this->json($products->findForListing(), context: ['groups' => 'product:list']);
+        return $this->json(array_map(ProductListItem::fromEntity(...), $products->findForListing()));
     }
@@
-        return $this->json($p, context: ['groups' => 'product:read']);
+        return $this->json(ProductView::fromEntity($p));
     }
+
+    #[Route('', methods: ['POST'])]
+    public function create(#[MapRequestPayload] CreateProductInput $input, CategoryRepository $categories, EntityManagerInterface $em): JsonResponse
+    {
+        $category = $categories->find($input->categoryId) ?? throw new UnprocessableEntityHttpException('Unknown category');
+        $product = new Product($input->sku, $input->name, $input->priceCents, $category);
+        $product->setDescription($input->description);
+        $product->setCostPriceCents($input->costPriceCents);
+        foreach ($input->images as $pos => $image) {
+            $product->addImage(new ProductImage($image->url, $pos));
+        }
+        $em->persist($product);
+        $em->flush();
+
+        return $this->json(ProductView::fromEntity($product), Response::HTTP_CREATED);
+    }'''),
    T("Bash", """curl -si -X POST localhost:8000/api/products -H 'Content-Type: application/json' -d '{"sku":"MUG-RIVER-02","name":"River stone mug","priceCents":2400,"costPriceCents":900,"categoryId":3,"images":[{"url":"https://cdn.test/mug-1.jpg"},{"url":"https://cdn.test/mug-2.jpg"}]}'""", CURL_500),
    A("""The nested `images` arrive as plain arrays, not `ImageInput` objects, so `$image->url` fails. Cause: the Serializer only knows an array's element type through PropertyInfo, and the only place that type is written is the `@var ImageInput[]` docblock. Symfony reads docblocks with its `PhpDocExtractor`, which is only enabled when `phpdocumentor/reflection-docblock` is installed; it isn't in this project (it was never needed with groups, since we only normalized). So the denormalizer sees `array` and copies the raw arrays, and validation with `Assert\\Valid` silently has nothing to cascade into.

Fix: `composer require phpdocumentor/reflection-docblock` (the framework enables the extractor automatically). It's a small, standard dependency of the Serializer, not a mapping library; OK to add?"""),
    U("""yes that one's fine"""),
    T("Bash", "composer require phpdocumentor/reflection-docblock", COMPOSER_OK),
    T("Bash", """curl -si -X POST localhost:8000/api/products -H 'Content-Type: application/json' -d '{"sku":"MUG-RIVER-02","name":"River stone mug","priceCents":2400,"costPriceCents":900,"categoryId":3,"images":[{"url":"https://cdn.test/mug-1.jpg"},{"url":"https://cdn.test/mug-2.jpg"}]}' && echo && curl -s -X POST localhost:8000/api/products -H 'Content-Type: application/json' -d '{"sku":"bad sku","name":"","priceCents":0,"categoryId":3,"images":[{"url":""}]}' | jq '.violations[] | {propertyPath, title}'""", '''HTTP/1.1 201 Created
Cache-Control: no-cache, private
Content-Type: application/json

{"id":3187,"sku":"MUG-RIVER-02","name":"River stone mug","description":null,"price":24,"category":"Mugs","images":["https://cdn.test/mug-1.jpg","https://cdn.test/mug-2.jpg"]}
{
  "propertyPath": "sku",
  "title": "This value is not valid."
}
{
  "propertyPath": "name",
  "title": "This value should not be blank."
}
{
  "propertyPath": "priceCents",
  "title": "This value should be positive."
}
{
  "propertyPath": "images[0].url",
  "title": "This value should not be blank."
}'''),
    A("""Both work now: a valid payload creates the product (201, no `costPrice` in the response), and an invalid one gets a 422 with the violations, including the nested `images[0].url`, which proves the `ImageInput` objects are validated. Now removing the `#[Groups]` attributes from `Product`, `Category` and `ProductImage`."""),
    T("Bash", "grep -rn '#\\[Groups' src/ | awk -F: '{print $1}' | sort | uniq -c", '''      2 src/Entity/Category.php
      9 src/Entity/Customer.php
     14 src/Entity/Order.php
      6 src/Entity/OrderLine.php
     11 src/Entity/Product.php
      3 src/Entity/ProductImage.php'''),
    T("Edit", "src/Entity/Product.php, src/Entity/Category.php, src/Entity/ProductImage.php", '''removed 16 #[Groups(...)] attributes and the unused `use Symfony\\Component\\Serializer\\Attribute\\Groups;` imports'''),
    T("Edit", "tests/Controller/ProductApiTest.php", '''+    public function testListDoesNotExposeCostPrice(): void
+    {
+        ProductFactory::createMany(3);
+        $client = static::createClient();
+        $client->request('GET', '/api/products');
+
+        foreach (json_decode($client->getResponse()->getContent(), true) as $row) {
+            self::assertArrayNotHasKey('costPrice', $row);
+            self::assertArrayNotHasKey('costPriceCents', $row);
+        }
+    }'''),
    T("Bash", "php bin/phpunit", '''PHPUnit 11.2.8 by Sebastian Bergmann and contributors.

Runtime:       PHP 8.3.9
Configuration: /home/dani/work/catalog-api/phpunit.xml.dist

.....................................................             53 / 53 (100%)

Time: 00:04.552, Memory: 64.00 MB

OK (53 tests, 149 assertions)'''),
    T("Bash", 'git add -A src tests composer.json composer.lock config && git commit -m "Products: response/input DTOs (fromEntity, MapRequestPayload) instead of serializer groups"', '''[feature/product-dtos a04d7b9] Products: response/input DTOs (fromEntity, MapRequestPayload) instead of serializer groups
 11 files changed, 214 insertions(+), 63 deletions(-)
 create mode 100644 src/Dto/Input/CreateProductInput.php
 create mode 100644 src/Dto/Input/ImageInput.php
 create mode 100644 src/Dto/Response/ProductListItem.php
 create mode 100644 src/Dto/Response/ProductView.php'''),
    U(f"""Deployed to staging. can you check the list there? curl -H 'X-Api-Key: {API_KEY}' 'https://catalog-staging.dani-shop.io/api/products'  , just the first 2"""),
    T("Bash", f"""curl -s -H 'X-Api-Key: {API_KEY}' 'https://catalog-staging.dani-shop.io/api/products' | jq '.[:2]'""", '''[
  {
    "id": 3187,
    "sku": "MUG-RIVER-02",
    "name": "River stone mug",
    "price": 24,
    "category": "Mugs",
    "thumbnail": "https://cdn.test/mug-1.jpg"
  },
  {
    "id": 3121,
    "sku": "BOWL-SLATE-01",
    "name": "Slate bowl",
    "price": 31.5,
    "category": "Bowls",
    "thumbnail": "https://cdn.dani-shop.io/p/3121/1.jpg"
  }
]'''),
    A("""Staging returns the new list shape: `id, sku, name, price, category, thumbnail`, no cost price. (The grep above also shows `#[Groups]` is still used on `Order`, `OrderLine` and `Customer`.)"""),
    U("""yes, Order and Customer still have groups all over, we do those next week, same way. then the groups can go completely. thanks, good session!"""),
    A("""Noted for next week: move the order and customer endpoints to DTOs and remove the remaining `#[Groups]` from `Order`, `OrderLine` and `Customer`. Thanks!"""),
]

session = {
    "id": "h6_symfony_catalog_b",
    "project": "catalog-api",
    "cwd_files": ["src/Controller/ProductController.php", "src/Dto/Response/ProductView.php",
                  "src/Dto/Input/CreateProductInput.php", "src/Entity/Product.php", "composer.json"],
    "turns": turns,
    "gold": [
        G("DECISION", "Serializer groups replaced by explicit DTOs: readonly response DTOs and #[MapRequestPayload] input DTOs (after costPrice leaked via groups)",
          ["dto"], ["mapRequestPayload", "readonly", "instead of", "replac", "switch", "costprice"],
          files=["src/Dto/Response/ProductView.php", "src/Dto/Input/CreateProductInput.php"]),
        G("FAILED", "API Platform (used in a previous project): too much magic, custom filters painful; not used",
          ["api platform"], ["magic", "filter", "previous"], failure=True),
        G("FAILED", "symfony/object-mapper for entity->DTO mapping failed: needs Symfony 7.3, project pinned to 7.1; composer reverted",
          ["mapper"], ["7.3", "7.1", "composer", "conflict", "requires"], failure=True),
        G("PATTERN", "Entity -> DTO mapping with static fromEntity() named constructors on the response DTOs (no mapping library)",
          ["fromentity"], ["static", "dto", "named constructor", "view", "map"]),
        G("BUG_FIX", "Nested images in CreateProductInput stayed plain arrays (\"read property url on array\"): installed phpdocumentor/reflection-docblock so @var ImageInput[] is read",
          ["docblock"], ["imageinput", "nested", "array", "@var", "images"], files=["src/Dto/Input/CreateProductInput.php"]),
        G("TODO", "Next week: move Order/Customer endpoints to DTOs and remove the remaining #[Groups]",
          ["groups"], ["order", "customer", "remaining", "next week"]),
    ],
    "dead_ends": [
        D("jolicode/automapper for mapping: rejected, no extra library", ["automapper"]),
    ],
    "secrets": [API_KEY],
    "supersedes": [
        {"old_session": "h6_symfony_catalog_a", "old_all_of": ["groups"], "new_all_of": ["dto"]},
    ],
}

if __name__ == "__main__":
    write(session)
