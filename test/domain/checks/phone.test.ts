// Phone numbers (POLICIES A, C, D): hand-picked positives and negatives.
import t from 'tap';
import { findContactDetails } from '../../../src/domain/checks/index.js';

const phones = (body: string, country?: string) =>
  findContactDetails(body, { country }).filter((m) => m.type === 'phone').map((m) => m.text);

const FOUND: [string, string, string | undefined, string][] = [
  ['a buyer writes a Saudi mobile in Arabic-Indic digits', 'رقمي ٠٥٠٨٧٦٥٤٣٢ كلمني', 'SA', '٠٥٠٨٧٦٥٤٣٢'],
  ['a buyer writes a Saudi mobile in Persian digits', 'ابعتلي ۰۵۴۳۲۱۸۷۶۵', 'SA', '۰۵۴۳۲۱۸۷۶۵'],
  ['a number has a + country code and spaces', 'WhatsApp +966 55 321 7788', 'SA', '+966 55 321 7788'],
  ['a number has a 00 country code', 'تواصل معي على 00966503344556', 'SA', '00966503344556'],
  ['a number has brackets and a dash', 'جوالي: (055) 987-1234', 'SA', '(055) 987-1234'],
  ['a number is split by dots', 'كلمني 055.812.3344', 'SA', '055.812.3344'],
  ['a number is spelled digit by digit with spaces', '0 5 5 8 1 2 3 3 4 4 هذا رقمي', 'SA', '0 5 5 8 1 2 3 3 4 4'],
  ['a number is spelled digit by digit with dashes and spaces', 'اتصل 0 5 0 - 7 7 7 - 8 8 9 9', 'SA', '0 5 0 - 7 7 7 - 8 8 9 9'],
  ['a number is spelled out in English words', 'reach me on zero five five one two three four five six seven', 'SA', 'zero five five one two three four five six seven'],
  ['a number is spelled out in Arabic words', 'رقمي صفر خمسة خمسة واحد اثنين ثلاثة أربعة خمسة ستة سبعة', 'SA', 'صفر خمسة خمسة واحد اثنين ثلاثة أربعة خمسة ستة سبعة'],
  ['a number is spelled out in Russian words', 'позвоните: два шесть один два три четыре пять шесть', 'LV', 'два шесть один два три четыре пять шесть'],
  ['an Estonian mobile is written locally', 'helista mulle 5123 4567', 'EE', '5123 4567'],
  ['a Latvian mobile is written locally', 'zvani man 29123456', 'LV', '29123456'],
  ['a Lithuanian mobile has the trunk 8', 'Mano numeris 8 612 34567', 'LT', '8 612 34567'],
  ['a Polish mobile is grouped 3-3-3', 'Proszę zadzwonić 512 345 678', 'PL', '512 345 678'],
  ['a Polish landline has the area code in brackets', 'Zadzwoń (22) 123 45 67', 'PL', '(22) 123 45 67'],
  ['an Egyptian mobile appears in the Egyptian market', 'ممكن نتكلم واتس 01012345678؟', 'EG', '01012345678'],
  ['a Saudi mobile appears in the Egyptian market', 'كلمني على 0551234567', 'EG', '0551234567'],
  ['a UAE number has the (0) trunk after the country code', 'reach me at +971 (0) 50 123 4567', 'AE', '+971 (0) 50 123 4567'],
  ['a Latvian number has its country code but no +', 'My WhatsApp: 37125556677', 'LV', '37125556677'],
  ['a number is typed right to left with the + at the end', 'whatsapp: ٩٦٦٥٠١٢٣٤٥٦٧+', 'SA', '٩٦٦٥٠١٢٣٤٥٦٧+'],
  ['bidi marks surround a number', 'رقم التواصل \u200e+966 59 876 5432\u200e', 'SA', '+966 59 876 5432'],
  ['the market is unknown but the number is international', 'my number is +372 5612 3456', undefined, '+372 5612 3456'],
  ['the market is unknown and a phone word precedes a local number', 'call me 2 2 3 4 5 6 7 8', undefined, '2 2 3 4 5 6 7 8'],
  ['a letter O is typed for the zero', 'رقمي O55 123 4567', 'SA', 'O55 123 4567'],
  ['en dashes separate the groups', 'اتصل بي: ٠٥٠–٤٤٤–٥٥٥٥', 'AE', '٠٥٠–٤٤٤–٥٥٥٥'],
  ['digits and digit words are mixed', 'ph: 2 six 1 two 3 4 5 6', 'LV', '2 six 1 two 3 4 5 6'],
  ['"my number" follows an interjection that is also a carrier name', 'Ups, mój numer 512 345 678', 'PL', '512 345 678'],
  ['a Latvian mobile is written in keycap emoji', '2️⃣9️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣', 'LV', '2️⃣9️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣'],
  ['a Latvian mobile is written in circled digits', 'zvani ②⑨①②③④⑤⑥', 'LV', '②⑨①②③④⑤⑥'],
  ['a Latvian mobile is written in mathematical bold digits', 'zvani 𝟐𝟗𝟏𝟐𝟑𝟒𝟓𝟔', 'LV', '𝟐𝟗𝟏𝟐𝟑𝟒𝟓𝟔'],
  ['a Latvian mobile is labelled "Kontakts" (not a bank-account word)', 'Kontakts: 29123456', 'LV', '29123456'],
  ['a Polish mobile is labelled "kontakt"', 'Mój kontakt: 600 123 456', 'PL', '600 123 456'],
  ['an Estonian mobile is labelled "Kontakt"', 'Kontakt: 5123 4567', 'EE', '5123 4567'],
  ['a phone word comes between an order number and the mobile', 'Order 1234 is late, call me 29123456', 'LV', '29123456'],
  ['a number is spelled in English pairs', 'text me: twenty six twelve thirty four fifty six', 'LV', 'twenty six twelve thirty four fifty six'],
  ['a Latvian number is dictated in pairs', 'Mans numurs: divdesmit deviņi, divpadsmit, trīsdesmit četri, piecdesmit seši', 'LV', 'divdesmit deviņi, divpadsmit, trīsdesmit četri, piecdesmit seši'],
  ['a Russian number has a hundreds word', 'позвони: два девятьсот двадцать три сорок пять шестьдесят семь', 'LV', 'два девятьсот двадцать три сорок пять шестьдесят семь'],
  ['an Estonian number is dictated in pairs', 'helista: viis kaksteist kolmkümmend neli viiskümmend kuus seitse', 'EE', 'viis kaksteist kolmkümmend neli viiskümmend kuus seitse'],
  ['"hundred" multiplies the digit word before it', 'call me two nine one two three hundred fifty six seven', 'LV', 'two nine one two three hundred fifty six seven'],
  ['a Latvian mobile that reads as a date YYYYMMDD follows a call word', 'zvani 20261207', 'LV', '20261207'],
  ['a Latvian mobile that reads as a date has a messenger name near', 'mans WhatsApp 20261207', 'LV', '20261207'],
  ['a Latvian mobile that reads as a date has its country code', '+371 20261207', 'LV', '+371 20261207'],
  ['eight digits that are no valid date (30 February) start with 20', 'Mans telefons ir 20260230', 'LV', '20260230'],
  ['an Arabic number is dictated with its tens glued to "و"', 'رقمي صفر خمسة خمسة أربعة وثلاثين ستة وخمسين ثمانية وسبعين تسعة', 'SA', 'صفر خمسة خمسة أربعة وثلاثين ستة وخمسين ثمانية وسبعين تسعة'],
  ['an Arabic number has a lone "و" before each tens and Arabic commas', 'رقمي صفر خمسة خمسة، أربعة و ثلاثين، ستة و خمسين، ثمانية و سبعين، تسعة', 'SA', 'صفر خمسة خمسة، أربعة و ثلاثين، ستة و خمسين، ثمانية و سبعين، تسعة'],
  ['an Egyptian mobile is dictated in Arabic pairs', 'كلمني صفر واحد صفر واحد اثنين وعشرين ثلاثة وأربعين خمسة وستين سبعة', 'EG', 'صفر واحد صفر واحد اثنين وعشرين ثلاثة وأربعين خمسة وستين سبعة'],
];

for (const [when, body, country, text] of FOUND) {
  t.test(`when ${when}, then it is a phone match`, async (t) => {
    t.same(phones(body, country), [text]);
  });
}

const NOT_FOUND: [string, string, string | undefined][] = [
  ['an order number follows "order"', 'Order 1234567 hasn\'t arrived', 'LV'],
  ['an order number looks like a Saudi mobile after "رقم الطلب"', 'رقم الطلب 0551234567 هكذا يظهر', 'SA'],
  ['an order number looks like a Latvian mobile after "Pasūtījuma numurs"', 'Pasūtījuma numurs 22456789 — lādētājs trūkst.', 'LV'],
  ['a claim number looks like a Polish mobile', 'Numer reklamacji 600 123 456, proszę o odpowiedź.', 'PL'],
  ['a price has a thousands space and a euro sign', 'Cena bija 1 299,00 €', 'LV'],
  ['a price is in riyals with Arabic-Indic digits', 'السعر ١٢٠ ريال', 'SA'],
  ['a big price is followed by a currency', 'Maksa 22 500 000 EUR', 'LV'],
  ['a date looks like a Latvian mobile', 'Piegāde 22.03.2026 līdz 14:30', 'LV'],
  ['an ISO date and a time follow each other', 'الطلب بتاريخ 2026-03-12 الساعة 14:30', 'SA'],
  ['a UPU tracking number is glued to letters', 'Tracking: RR123456785LV, still in customs.', 'LV'],
  ['a UPS tracking number is glued to letters', 'Tracking number 1Z999AA10123456784 shows no movement', 'LV'],
  ['a DPD parcel number follows "tracking"', 'The tracking number 05212345678901 from DPD is not valid.', 'LV'],
  ['an SMSA waybill follows "رقم التتبع"', 'رقم التتبع SMSA 231234567890', 'SA'],
  ['an IMEI is quoted in a complaint', 'The IMEI is 356938035643809 and the phone is locked.', 'LV'],
  ['a postal code has a country prefix', 'Pasta indekss LV-1050, Rīga.', 'LV'],
  ['an IBAN is written in blocks', 'IBAN EE38 2200 2210 2014 5685, palun tagastage raha sinna.', 'EE'],
  ['a model number has letters and dashes', 'Model telefonu Samsung SM-A546B, 128 GB.', 'PL'],
  ['an invoice number has dashes', 'Invoice INV-2026-00451 has the wrong VAT number.', 'LV'],
  ['a return code is 4+4 digits', 'Tagastuskood 4471 9902 ei tööta.', 'EE'],
  ['a card-like code has four blocks of four', 'Return label code 9876 5432 1098 7654 doesn\'t scan.', 'LV'],
  ['an EAN barcode is 13 digits', 'Kod kreskowy 5901234123457.', 'PL'],
  ['quantities and sizes are listed', 'Ostsin 2 paari, suurused 38 ja 39.', 'EE'],
  ['a date is written with spaces', 'Gaidu jau kopš 22 03 2026, nekas nav atnācis', 'LV'],
  ['a short date is followed by a time with a dot', 'Atbraucu 22.03 14.30, bet neviena nebija', 'LV'],
  ['a parcel number follows "Paka Nr."', 'Paka Nr. 26123456 vēl ceļā', 'LV'],
  ['an article number follows "Art."', 'Art. 29123456 nav noliktavā', 'LV'],
  ['a range of years is written with a dash', 'Between 2023-2024 models there is no difference.', 'LV'],
  ['an amount follows "paid"', 'Paid 29 123 456 in total? That must be an error', 'LV'],
  ['an item number follows "Item"', 'Item 26123456 is out of stock', 'LV'],
  ['several order numbers follow one order word', 'Pasūtījumi 21234567 un 21234568 ir izsūtīti', 'LV'],
  ['a list of order numbers in English', 'Orders 21234567, 21234568 and 21234569 shipped', 'LV'],
  ['a list of Estonian order numbers', 'Tellimused 51234567 ja 51234568 on teel', 'EE'],
  ['a claim and a return number in Polish', 'Reklamacja nr 612345678 i zwrot nr 612345679', 'PL'],
  ['a Latvian return request number', 'Jūsu atgriešanas pieprasījums Nr. 21234567 ir apstiprināts', 'LV'],
  ['a refund and an RMA number', 'Return number 21234567, RMA 21234568', 'LV'],
  ['an Estonian return number', 'Teie tagastus nr 51234567 on kinnitatud', 'EE'],
  ['a Polish complaint ticket number', 'Zgłoszenie nr 612345678', 'PL'],
  ['a Russian return number', 'Номер возврата 21234567', 'LV'],
  ['an Arabic "your order" number', 'طلبك رقم 512345678 تم شحنه', 'SA'],
  ['an Arabic "your shipment" number in Egypt', 'شحنتك رقم 1012345678 في الطريق', 'EG'],
  ['tens are counted in a list without a phone word', 'We pack ten, twenty, thirty, forty pieces per box', 'LV'],
  ['sizes are listed in Latvian words', 'Mums ir divdesmit seši, trīsdesmit, četrdesmit un piecdesmit izmēri', 'LV'],
  ['a year is said in pairs', 'back in twenty twenty six we ordered two', 'LV'],
  ['a date YYYYMMDD looks like a Latvian mobile', 'delivered on 20261127', 'LV'],
  ['a Latvian date YYYYMMDD stands without a cue', 'Piegāde plānota 20261207, gaidiet', 'LV'],
  ['a date YYYYMMDD on 29 February of a leap year', 'Saņemts 20280229', 'LV'],
  ['Arabic quantities are counted with tens', 'عندي خمسة وعشرين قطعة و ثلاثين علبة', 'SA'],
  ['Arabic tens are listed without a phone word', 'نبيع خمسة وعشرين، ثلاثين، أربعين، خمسين، ستين قطعة في الكرتون', 'SA'],
];

for (const [when, body, country] of NOT_FOUND) {
  t.test(`when ${when}, then it is not a phone match`, async (t) => {
    t.same(phones(body, country), []);
  });
}
