/**
 * The demo store's product lines, expanded by ./demo-store.ts. Prices are fen (1290 = ¥12.90);
 * a `kg` line's price is per kilogram. Syntax: see buildDemoProducts in demo-store.ts.
 */
export const DEMO_LINES = `
[Produce] tax9 kg
{Fuji,Gala,Granny Smith} Apples | =1290
{Bananas,Navel Oranges,Mandarins,Ya Pears,Crown Pears} | =690
{Red Seedless,Green Seedless,Kyoho} Grapes | =1990
{Kiwifruit,Mangoes,Lychees,Longans,Red Dragon Fruit,Cantaloupe,Watermelon,Pomelo,Persimmons,Peaches} | =1190
{Tomatoes,Cucumbers,Potatoes,Sweet Potatoes,Carrots,Onions,Garlic,Ginger} | =590
{Chinese Cabbage,Bok Choy,Spinach,Broccoli,Cauliflower,Eggplant,Green Peppers,Red Peppers} | =790
{Lotus Root,Winter Melon,Pumpkin,Celery,Iceberg Lettuce,Yam,Taro,Bitter Melon,Chinese Chives} | =890
{Shiitake,King Oyster,Oyster} Mushrooms | =1890
{Strawberries,Cherry Tomatoes} | 500 g=1590 ; each
{Blueberries,Raspberries} | 125 g=1990 ; each
{Enoki Mushrooms,Bean Sprouts,Baby Spinach} | 200 g=390 ; each
{Sweet Corn,Pineapple,Coconut,Spring Onions Bunch,Coriander Bunch,Lemon} | =490 ; each

[Bakery] tax13
{White,Whole Wheat,Milk,Rye,Sourdough} Sandwich Loaf | 400 g=1290
{Plain,Butter,Chocolate,Almond} Croissant | 1 pc=690 | 4-pack=2390
{Pineapple,Red Bean,Pork Floss,Coconut,Custard,Ham and Cheese} Bun | =590
{Portuguese Egg Tarts,Blueberry Muffins,Chocolate Muffins,Bagels,Dinner Rolls} | 4-pack=1990
{Baguette,Brioche,Cinnamon Roll,Glazed Doughnut,Swiss Roll,Sponge Cake Slice,Cheesecake Slice} | =890
{Lotus Seed,Red Bean,Five Kernel} Mooncake | 2-pack=2890

[Dairy & Eggs] tax13
{Whole,Low-Fat,Skimmed} Milk | 250 ml=390 | 1 L=1350 | 2 L=2490 ; tax9
UHT Whole Milk | 250 ml x 12=5990 ; tax9
{Plain,Strawberry,Blueberry,Peach,Mango,Red Date} Yogurt | 100 g x 4=1190 | 1 kg=2390
{Original,Strawberry} Drinking Yogurt | 200 ml=590 | 1 L=1890
{Cheddar,Mozzarella,Gouda,Edam,Emmental} Cheese | =12800 ; kg
{Cheese Slices 200 g,Cream Cheese 200 g,Salted Butter 200 g,Unsalted Butter 200 g,Whipping Cream 250 ml} | =2190
{Fresh Eggs,Free-Range Eggs,Brown Eggs} | 10 pcs=1590 | 30 pcs=3990 ; tax9
{Salted Duck Eggs,Tea Eggs,Century Eggs} | 6 pcs=1290
{Firm Tofu,Silken Tofu,Soy Milk 1 L} | =450

[Meat & Fish] tax9 kg
Pork {Belly,Loin,Spare Ribs,Chops,Shoulder,Trotters,Mince} | =3290
Beef {Brisket,Shank,Sirloin,Ribeye,Tenderloin,Mince} | =8890
Lamb {Leg,Chops,Shoulder} | =7890
Chicken {Whole,Breast,Thighs,Drumsticks,Wings,Feet} | =2490
{Whole Duck,Duck Legs,Duck Breast} | =3290
{Grass Carp,Sea Bass,Hairtail,Yellow Croaker,Salmon Fillet,Cod Fillet,Tilapia} | =4290
{Whiteleg Shrimp,Squid,Clams,Mussels,Scallops} | =5890
{Chinese Sausage,Smoked Bacon,Sliced Ham,Pork Meatballs,Luncheon Meat} | 250 g=1890 ; each tax13

[Frozen] tax13
{Pork and Cabbage,Pork and Chive,Shrimp and Pork,Beef and Onion,Vegetable} Dumplings | 500 g=1990 | 1 kg=3690
{Pork,Shrimp} Wontons | 400 g=2290
{Black Sesame,Peanut,Red Bean} Glutinous Rice Balls | 400 g=1490
{Steamed Pork Buns,Steamed Plain Buns,Spring Rolls,Fish Balls,Beef Balls,Chicken Nuggets} | 500 g=2190
{French Fries,Potato Wedges} | 1 kg=2590
Frozen {Peas,Sweet Corn,Mixed Vegetables,Edamame} | 500 g=890 ; tax9
Frozen {Peeled Shrimp,Chicken Wings,Pork Ribs} | 1 kg=4990 ; tax9
{Vanilla,Chocolate,Strawberry,Green Tea,Mango,Red Bean} Ice Cream | 500 ml tub=3290 | 4 bars=2490
{Margherita,Pepperoni} Pizza | 350 g=3490

[Pantry] tax13
{Jasmine,Northeast Japonica,Basmati} Rice | 2.5 kg=3290 | 5 kg=5990 | 10 kg=10990 ; tax9
{Glutinous,Brown,Black} Rice | 1 kg=1290 ; tax9
{All-Purpose,High-Gluten,Low-Gluten} Wheat Flour | 1 kg=690 | 5 kg=2990 ; tax9
{Peanut,Soybean,Rapeseed,Sunflower,Corn} Oil | 1.8 L=3990 | 5 L=8990 ; tax9
{Iodised Salt,Sea Salt} | 400 g=290 ; tax9
{Millet,Red Beans,Mung Beans,Soybeans,Dried Red Dates,Goji Berries,Dried Shiitake} | 500 g=1590 ; tax9
{White Sugar,Brown Sugar,Rock Sugar} | 500 g=690
{Light,Dark,Low-Salt} Soy Sauce | 500 ml=990 | 1.9 L=2990
{Oyster Sauce,Black Vinegar,Rice Vinegar,Cooking Wine,Sesame Oil,Chili Oil,Sesame Paste,Chili Bean Paste,Hoisin Sauce,Ketchup} | =1190
{Dried Wheat Noodles,Rice Vermicelli,Buckwheat Noodles,Sweet Potato Glass Noodles} | 1 kg=1490
{Braised Beef,Spicy Beef,Seafood,Pickled Cabbage,Tomato and Egg} Instant Noodles | 5-pack=1490 | cup=550
{Tuna in Water,Sweet Corn,Chopped Tomatoes,Mixed Fruit,Braised Pork,Black Bean Dace} Can | 400 g=1090
{Honey 500 g,Strawberry Jam 340 g,Peanut Butter 340 g,Rolled Oats 1 kg,Cornflakes 500 g,Muesli 500 g} | =2490
{Maple Syrup 250 ml,Crunchy Peanut Butter 454 g,Chicken Stock 1 L} | =4590 ; upca

[Snacks] tax13
{Original,Cucumber,Tomato,BBQ,Seaweed,Spicy Crayfish} Potato Chips | 70 g=690 | 135 g=1190
{Shrimp Crackers,Seaweed Snack,Rice Crackers,Corn Puffs} | 80 g=590
{Roasted Sunflower Seeds,Salted Peanuts,Cashews,Pistachios,Almonds,Walnut Kernels} | 200 g=1690
{Dried Mango,Dried Kiwi,Dried Plums,Beef Jerky,Spicy Tofu Strips} | 150 g=1490
{Milk,Dark,Hazelnut} Chocolate Bar | 100 g=1290
{Digestive Biscuits,Cream Crackers,Butter Cookies,Wafers,Egg Rolls,Sandwich Cookies,Soda Crackers} | =990
{Fruit Gummies,Milk Candy,Hawthorn Flakes,Lollipop} | =590
{Peppermint,Spearmint,Fruit,Sugar-Free} Chewing Gum | 10 pcs=350 ; ean8
{Peppermint,Lemon} Mints | 20 g=590 ; ean8
{Popcorn Butter,Pretzels,Tortilla Chips} | 200 g=1890 ; upca

[Drinks] tax13
{Mineral Water,Purified Water} | 550 ml=200 | 1.5 L=390 | 5 L=990
{Lemon,Grapefruit,Peach} Sparkling Water | 480 ml=550
{Cola,Diet Cola,Lemon-Lime Soda,Orange Soda} | 330 ml can=300 | 500 ml=350 | 2 L=790 | 330 ml x 24=6490
{Green Tea,Jasmine Tea,Iced Lemon Tea,Oolong Tea,Honey Citron Tea,Herbal Tea} Drink | 500 ml=400 | 1.5 L=790
{Orange,Apple,Grape,Peach,Mango} Juice | 1 L=1590
{Coconut Water,Sour Plum Drink,Walnut Milk,Almond Milk} | 245 ml=450
{Latte,Americano,Mocha} Coffee Drink | 280 ml=690
{Energy Drink,Sports Drink,Electrolyte Water} | 500 ml=590
{Green Tea,Oolong Tea,Black Tea,Pu-erh Tea,Chrysanthemum Tea} Leaves | 250 g=5890
{Instant Coffee Mix 30 sticks,Ground Coffee 250 g,Coffee Beans 500 g} | =5990

[Alcohol] tax13 age18
{Lager,Light Lager,Wheat Beer,Stout,IPA} | 330 ml can=450 | 500 ml can=650 | 330 ml x 6=2490
{Cabernet Sauvignon,Merlot,Shiraz,Chardonnay,Sauvignon Blanc} Wine | 750 ml=8900
{Strong Aroma Baijiu 52%,Light Aroma Baijiu 42%,Sauce Aroma Baijiu 53%} | 500 ml=19800 | 125 ml=3900
{Shaoxing Huangjiu,Sweet Rice Wine,Plum Wine,Osmanthus Wine} | 500 ml=2990
{Sparkling Wine,Rosé Wine} | 750 ml=12800
{Bourbon Whiskey,Vodka,London Dry Gin,Dark Rum,Tequila} | 700 ml=16800 ; upca
{Soju,Sake} | 360 ml=2490

[Household] tax13
{Laundry Detergent,Laundry Detergent Lavender,Laundry Detergent Baby} | 2 kg=3990 | 3 kg=5490
{Laundry Pods 30 pcs,Fabric Softener 1.5 L,Stain Remover 500 ml,Laundry Soap Bar} | =2990
{Lemon,Green Tea} Dish Soap | 500 ml=890 | 1.5 L=1990
{Toilet Paper,Bamboo Toilet Paper} | 10 rolls=2990 | 20 rolls=5490
{Facial Tissues 3 boxes,Pocket Tissues 10 packs,Kitchen Towels 2 rolls,Wet Wipes 80 pcs} | =1490
{Garbage Bags 50 pcs,Cling Film 30 m,Aluminium Foil 10 m,Freezer Bags 100 pcs,Baking Paper 10 m} | =1290
{Toilet Cleaner,Glass Cleaner,Floor Cleaner,Kitchen Degreaser,Bleach} | 500 ml=1590
{Sponges 4 pcs,Steel Wool 3 pcs,Rubber Gloves M,Rubber Gloves L,Mop Refill} | =990
{Disposable Chopsticks 50 pairs,Paper Cups 50 pcs,Food Containers 10 pcs,Paper Plates 20 pcs} | =1090
{AA,AAA} Alkaline Batteries | 4 pcs=2490 | 8 pcs=4490
{LED Bulb E27 9 W,LED Bulb E14 5 W,Matches 10 boxes,Tealight Candles 50 pcs} | =1590
{Mosquito Coils 10 pcs,Mosquito Repellent Refill,Insect Spray 600 ml} | =2290

[Personal Care] tax13
{Anti-Dandruff,Moisturising,Volumising,Herbal} Shampoo | 400 ml=3990 | 750 ml=5990
{Moisturising,Repair} Conditioner | 400 ml=3990
{Milk,Citrus,Lavender} Body Wash | 750 ml=3490
{Hand Soap 300 ml,Bar Soap 3 pcs,Hand Sanitiser 250 ml} | =1290
{Whitening,Fresh Mint,Herbal,Sensitive} Toothpaste | 120 g=1590
{Soft,Medium} Toothbrush | 2 pcs=1290
{Mouthwash 500 ml,Dental Floss 50 m,Cotton Swabs 200 pcs,Cotton Pads 100 pcs} | =1690
{Face Wash,Face Moisturiser,Sunscreen SPF 50,Hand Cream,Lip Balm,Body Lotion} | =4590
{Deodorant Roll-On,Razor 3 Blades,Shaving Foam 200 ml,Nail Clippers} | =2890
{Day,Night,Ultra-Thin} Sanitary Pads | 10 pcs=1590

[Baby] tax13
{Stage 1,Stage 2,Stage 3} Infant Formula | 800 g=25800
{Newborn,S,M,L,XL} Diapers | 50 pcs=8990
{Baby Wipes 80 pcs,Baby Shampoo 300 ml,Baby Lotion 200 ml,Diaper Cream 50 g} | =2990
{Rice,Multigrain} Baby Cereal | 250 g=3490
{Apple,Pear,Banana,Pumpkin} Puree Pouch | 90 g=690
{Teething Biscuits 64 g,Baby Rice Crackers 40 g,Feeding Bottle 240 ml,Pacifier 2 pcs} | =3290

[Pet] tax13
{Chicken,Beef,Salmon} Dog Food | 2 kg=8990
{Tuna,Chicken,Salmon} Cat Food | 1.5 kg=6990 | 85 g pouch=590
{Clumping Cat Litter 10 L,Tofu Cat Litter 6 L,Dog Chews 10 pcs,Cat Treats 60 g} | =3990

[Deli Counter] tax9 kg scale
Counter {Pork Belly,Beef Shank,Chicken Thighs} | =3590
Counter {Salmon Fillet,Sea Bass} | =6890
{Char Siu Roast Pork,Roast Duck,Soy Braised Beef} | =7990 ; tax13
{Cold Sesame Noodles Box,Sushi Platter,Spicy Chicken Salad Box} | =2590 ; each tax13 scaleprice
`;
