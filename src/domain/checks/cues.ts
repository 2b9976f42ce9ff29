// Words around a number that say what it is, in the languages of the markets
// (et, lv, lt, pl, ru, en, ar). Constant tables only.
//
// - ORDER_CUE: the number that follows is an order, tracking, claim, invoice,
//   IMEI/serial, barcode or bank reference, not a phone (the NOT-flagged list
//   of issue 7).
// - PHONE_CUE: the number that follows is a phone ("my number", "call me",
//   "tel.", a messenger name), which lets a number valid in another market
//   count (a Saudi number quoted in the Egyptian market).
// - CONTACTS_LABEL, LINE_START: what stands before a contact detail given as
//   a label's value ("Kontakti: Janis at Gmail", "- Telegram: Ivan").

const L = '\\p{L}*';

export const ORDER_WORDS = [
  // orders, claims, invoices
  `order${L}`, `tellimus${L}`, `pasūtījum${L}`, `pasutijum${L}`, `užsakym${L}`, `uzsakym${L}`, `zamówieni${L}`, `zamowieni${L}`,
  `заказ${L}`, 'طلب', 'الطلب', 'طلبي', 'طلبية', `claim${L}`, `pretensioon${L}`, `pretenzij${L}`, `претензи${L}`, `reklamacj${L}`,
  `päring${L}`, `invoice${L}`, 'arve', `rēķin${L}`, `sąskait${L}`, `faktur${L}`, `сч[её]т${L}`, `фактур${L}`, 'فاتورة', 'الفاتورة',
  'ref', `reference${L}`, 'nip', 'pesel', 'الشكوى', 'شكوى', 'البلاغ', 'بلاغ', 'الحوالة', 'حوالة', 'المرجع', 'مرجع',
  `warrant${L}`, `garantii${L}`, `garantij${L}`, `gwarancj${L}`, `гаранти${L}`, 'الضمان', 'ضمان', 'card', `kaart${L}`, 'karte', `kart[aęy]`, `kortel${L}`, `карт${L}`, 'بطاقة', 'البطاقة',
  `ticket${L}`, `case${L}`, `transaction${L}`, `payment${L}`, `makse${L}`, `maksājum${L}`, `mokėjim${L}`, `płatnoś${L}`, `платеж${L}`, `платёж${L}`,
  // amounts
  'paid', `pay${L}`, `price${L}`, `total${L}`, `amount${L}`, 'sum', `hind${L}`, 'summa', 'kokku', `cen${L}`, 'kopā', `kopsumm${L}`, `samaks${L}`, `kain${L}`,
  'suma', `sumokėj${L}`, `zapłac${L}`, `kwot${L}`, 'razem', `цен${L}`, `сумм${L}`, 'итого', `оплат${L}`, `заплат${L}`, 'السعر', 'سعر', 'المبلغ', 'مبلغ',
  'دفعت', 'المجموع', 'الإجمالي',
  // tracking and parcels
  `parcel${L}`, `package${L}`, `shipment${L}`, `consignment${L}`, `waybill${L}`, 'label', `pak[auāse]`, `pakk${L}`, `pakett${L}`, `сч[её]т${L}`,
  `track${L}`, `jälgimis${L}`, `jalgimis${L}`, `saadetis${L}`, `pakk${L}`, `sūtījum${L}`, `sutijum${L}`, `izsekošan${L}`, `izsekosan${L}`,
  `siunt${L}`, `sekimo`, `przesyłk${L}`, `przesylk${L}`, `paczk${L}`, `list przewozowy`, `отслеживани${L}`, `трек${L}`, `посылк${L}`, `отправлени${L}`,
  'التتبع', 'تتبع', 'الشحنة', 'شحنة', 'الشحنه', 'بوليصة', 'البوليصة', 'awb', 'dpd', 'omniva', 'smsa', 'aramex', 'أرامكس', 'ارامكس', 'سمسا', 'dhl', 'ups', 'inpost', 'lp express',
  // devices, products, codes
  'art', `artik\\p{L}*`, `artyku\\p{L}*`, `артикул${L}`, 'sku', `item${L}`, `product${L}`, `model${L}`, `модел${L}`,
  'imei', 'serial', 's/n', 'sn', `seeria${L}`, `sērijas`, `serijos`, `seryjn${L}`, `серийн${L}`, 'التسلسلي', 'الايمي', 'ايمي',
  'ean', `barcode${L}`, `svītrkod${L}`, `brūkšnin${L}`, `kreskow${L}`, `штрих${L}`, 'الباركود', `kood${L}`, `kods`, `kodas`, `kod`, `код${L}`, 'code', 'الكود', 'كود',
  // bank accounts ("konto", "kontā"; not "kontakts", a contact, which names a phone)
  'iban', `konto`, `kont(?!akt)${L}`, `account`, `счёт`, 'الآيبان', 'الايبان', 'آيبان',
  // returns, refunds, complaints, deliveries, vouchers
  `return${L}`, `refund${L}`, 'rma', `atgriešan${L}`, `atgriesan${L}`, `atmaks${L}`, `tagastus${L}`, `tagasimakse${L}`, `grąžinim${L}`,
  `pieprasījum${L}`, `pieprasijum${L}`, `zwrot${L}`, `zgłoszeni${L}`, `zgloszeni${L}`, `dostaw${L}`, `возврат${L}`, `voucher${L}`, `kupong${L}`, `kupon${L}`,
  'الإرجاع', 'إرجاع', 'ارجاع', 'الاسترجاع', 'استرجاع', 'الاسترداد', 'استرداد',
  // Arabic "your order", "my order", "your shipment", "your invoice"
  'طلبك', 'طلبكم', 'طلباتكم', 'طلبات', 'شحنتك', 'شحنتكم', 'شحنتي', 'فاتورتك', 'فاتورتي',
] as const;

/** An order/tracking/claim/... word, as the last word before the number. */
export const ORDER_CUE = new RegExp(`(?<![\\p{L}\\p{N}])(?:\\p{L}*(?:kood|kods|kodas))?(?:${ORDER_WORDS.join('|')})(?![\\p{L}\\p{N}])`, 'giu');

/** Words allowed between an order cue and its number: "nr.", "number is", "№", "رقم" … */
export const CUE_FILLER_WORDS: ReadonlySet<string> = new Set([
  'nr', 'no', 'nb', 'num', 'number', 'numer', 'numeris', 'numurs', 'numbrid', 'numbri', 'номер', 'номера', 'رقم', 'الرقم', 'رقمه',
  'is', 'on', 'ir', 'to', 'yra', 'id', 'هو', 'هي', 'of', 'the', 'for', 'your', 'ваш', 'jūsu', 'teie', 'jūsų',
  'code', 'kood', 'kods', 'kodas', 'kod', 'код', 'كود', 'رمز', 'nummer', 'ja', 'and', 'un', 'ir', 'i', 'и', 'و',
]);
export const PHONE_WORDS = [
  'tel', 'tel\\.?\\s?nr', `telefon${L}`, `phone${L}`, 'mob', `mobil${L}`, `cell${L}`, 'gsm', 'sms', `tālr${L}`, `talr${L}`, `тел${L}`, `мобильн${L}`, 'смс', 'сотов\\p{L}*',
  `call${L}`, `helist${L}`, `zvan${L}`, `piezvan${L}`, `skambin${L}`, `paskambin${L}`, `zadzwo${L}`, `dzwo${L}`, `звон${L}`, `позвон${L}`, 'text',
  'my number', 'mu number', 'minu number', 'mans numurs', 'mano numeris', 'mój numer', 'mój nr', 'мой номер', 'numbrile',
  'رقمي', 'رقم جوالي', 'جوالي', 'جوال', 'الجوال', 'موبايلي', 'موبايل', 'هاتفي', 'هاتف', 'اتصل', 'اتصلي', 'كلمني', 'تواصل', 'للتواصل', 'التواصل', 'الرقم',
  `whats\\s?app${L}`, `whatsap${L}`, `watsap${L}`, `wapp${L}`, `vatsap${L}`, `telegram${L}`, `viber${L}`, `signal${L}`, 'واتساب', 'واتس', 'وتس', 'فايبر', `вотсап${L}`, `ватсап${L}`, `вайбер${L}`,
] as const;

export const PHONE_CUE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${PHONE_WORDS.join('|')})(?![\\p{L}\\p{N}])`, 'iu');

/** Currency next to a number makes it a price. */
export const CURRENCY_AFTER = /^\s?(?:€|\$|£|₽|zł|zl\b|eur\b|eur[oa]\p{L}*|eiro|usd\b|pln\b|sar\b|aed\b|egp\b|kwd\b|qar\b|rub\b|руб|р\.|евро|долл|ريال|ر\.س|رس\b|جنيه|ج\.م|درهم|د\.إ|دينار|dollar|gbp\b|kr\b|sek\b)/iu;
export const CURRENCY_BEFORE = /(?:€|\$|£|₽|eur|usd|pln|sar|aed|egp|kwd|qar|rub|zł|ريال|درهم|جنيه)\s?$/iu;

/** A number of 15 digits near one of these is an IMEI quoted in a complaint. */
export const IMEI_CUE = /imei|ايمي|الايمي|имей|серийн|serial|seeria|sērijas|serijos|seryjn/iu;

/** A contacts label right before a contact: "Kontakti: Telegram - Ivan", "Contacts: Anna at Outlook", "Kontaktid - Viber: Mari". */
export const CONTACTS_LABEL = /(?<![\p{L}])(?:contacts?|kontakt\p{L}{0,3}|контакт\p{L}{0,2})[ \t]*[:：\-–—]?[ \t]*$/iu;
/** Nothing before a contact on its line but spaces, a bullet or a list number: "", "- ", "• ", "2) ". */
export const LINE_START = /^[ \t]*(?:(?:[-–—•*·>]|\d{1,2}[.)])[ \t]*)?$/u;
