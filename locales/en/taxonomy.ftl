## Car taxonomy and part categories
taxonomy-slug-format = Use lowercase letters a–z, digits and hyphens, at most { $max ->
    [one] one character
   *[other] { $max } characters
}.
taxonomy-slug-taken = This slug is already in use.
taxonomy-year-to-before-from = The last year cannot be before the first year ({ $year }).
taxonomy-make-unknown = There is no car make with this id.
taxonomy-body-type-unknown = There is no body type with this id.
taxonomy-parent-unknown = There is no category with this id.
taxonomy-category-cycle = A category cannot be moved under itself or one of its subcategories.
taxonomy-make-has-models = This make still has { $count ->
    [one] one model
   *[other] { $count } models
}; delete them first.
taxonomy-category-has-children = This category still has { $count ->
    [one] one subcategory
   *[other] { $count } subcategories
}; delete or move them first.
taxonomy-body-type-in-use = { $count ->
    [one] One model still uses
   *[other] { $count } models still use
} this body type; change them first.
taxonomy-in-use-by-products = { $count ->
    [one] One product uses
   *[other] { $count } products use
} this; change or remove them first.
