// Messenger handles and invitations (POLICIES A: "contact me on WhatsApp";
// C, D: no contact outside the helpdesk). A name alone is not a contact.
import t from 'tap';
import { findContactDetails } from '../../../src/domain/checks/index.js';

const messengers = (body: string, country?: string) =>
  findContactDetails(body, { country }).filter((m) => m.type === 'messenger').map((m) => m.text);

const FOUND: [string, string, string[]][] = [
  ['a buyer adds a Telegram handle', 'add me on Telegram @shopseller', ['Telegram @shopseller']],
  ['a buyer invites to WhatsApp without a number', 'write me in WhatsApp please', ['WhatsApp']],
  ['"whatsapp me" is used as a verb', 'whatsapp me if you want a discount', ['whatsapp']],
  ['an Arabic buyer invites to WhatsApp', 'كلمني على الواتس أسرع من هنا', ['الواتس']],
  ['an Arabic buyer gives a Telegram handle', 'حسابي في تلغرام @ahmed_store99', ['تلغرام @ahmed_store99']],
  ['a handle is a few words after the name', 'my telegram is @warsaw_deals', ['telegram', '@warsaw_deals']],
  ['a Snapchat user name follows a colon', 'سناب: sara_designs ضيفني', ['سناب: sara_designs']],
  ['a Skype name follows a colon', 'skype: mark.trader.lv', ['skype: mark.trader.lv']],
  ['an Estonian buyer says "kirjuta mulle WhatsAppis"', 'Kirjuta mulle WhatsAppis, nii on kiirem.', ['WhatsAppis']],
  ['a Latvian buyer says "raksti man WhatsApp"', 'Raksti man WhatsApp, tā būs ātrāk.', ['WhatsApp']],
  ['a Lithuanian buyer says "parašykite man per WhatsApp"', 'Parašykite man per WhatsApp, bus greičiau.', ['WhatsApp']],
  ['a Polish buyer says "napisz do mnie na WhatsAppie"', 'Napisz do mnie na WhatsAppie.', ['WhatsAppie']],
  ['a Russian buyer says "напишите мне в вотсап"', 'Напишите мне в вотсап, так быстрее.', ['вотсап']],
  ['a messenger name is next to a number', 'Mans WhatsApp 27654321', ['WhatsApp']],
  ['a buyer asks "do you have WhatsApp?"', 'Do you have WhatsApp? It would be faster', ['WhatsApp']],
  ['Signal is named with an invitation', 'Kirjuta mulle Signalis, number sama mis kuulutusel', ['Signalis']],
  ['a Polish buyer says "dodaj mnie na WhatsAppie"', 'Dodaj mnie na WhatsAppie', ['WhatsAppie']],
  ['a Telegram user name is labelled', 'Rakstiet man Telegramā, lietotājvārds rigashop', ['Telegramā']],
  ['an Egyptian buyer says "كلمني وتس" with a number', 'كلمني وتس 01012345678', ['وتس']],
  ['an Egyptian buyer says "ابعتلي على الوتس"', 'ابعتلي على الوتس', ['الوتس']],
  ['"wapp" is used as a verb', 'wapp me when the parcel arrives', ['wapp']],
  ['"whatsap" is misspelt', 'pls add me on whatsap', ['whatsap']],
  ['a Latvian buyer writes "vatsapā"', 'Raksti man vatsapā, tā ātrāk', ['vatsapā']],
  ['"WA" is right before a number', 'WA +371 29123456', ['WA']],
  ['"WA" is in brackets right after a number', '+966 55 321 7788 (WA)', ['WA']],
  ['"tg:" is right before a handle', 'tg: @janis', ['tg: @janis']],
  ['"tg" is right before a handle without a colon', 'tg @janis', ['tg @janis']],
  ['a handle follows an em dash', 'Telegram — @janis', ['Telegram — @janis']],
  ['a Russian buyer names Telegram and a handle without digits', 'пиши в телеграм @ivan', ['телеграм @ivan']],
  ['"my Telegram:" introduces a plain user name', 'my telegram: janis', ['telegram: janis']],
  ['"мой телеграм:" introduces a plain user name', 'мой телеграм: ivan', ['телеграм: ivan']],
  ['a buyer asks "do you have WhatsApp?" and only apologises', 'Do you have WhatsApp? Sorry to bother you', ['WhatsApp']],
  ['a plain user name follows "telegram:" without a possessive', 'telegram: janis', ['telegram: janis']],
  ['a plain user name follows "Telegram -"', 'Telegram - janis', ['Telegram - janis']],
  ['a plain user name follows "telegram:" and ends its clause', 'telegram: janis, write there', ['telegram: janis']],
  ['a plain user name follows "Телеграм:"', 'Телеграм: ivanshop', ['Телеграм: ivanshop']],
];
for (const [when, body, texts] of FOUND) {
  t.test(`when ${when}, then it is a messenger match`, async (t) => t.same(messengers(body), texts));
}

const NOT_FOUND: [string, string][] = [
  ['a buyer says they do not use WhatsApp', 'I don\'t use WhatsApp, please answer here.'],
  ['a buyer asks whether WhatsApp works on the phone', 'Kas WhatsApp töötab selles telefonis ilma probleemideta?'],
  ['a buyer says they have no Telegram and writes here', 'У меня нет телеграма, поэтому пишу сюда.'],
  ['a buyer asks to be written to here', 'Can you write to me here when it ships?'],
  ['the word signal is about the network', 'The phone has no signal after the update, call me back here.'],
  ['a seller refuses WhatsApp in Arabic', 'لا تطلب مني التواصل على الواتساب، ممنوع حسب شروط المنصة'],
  ['a buyer saw the product on Instagram', 'I saw this product on Instagram and ordered it here.'],
  ['a buyer mentions a recorded Zoom call', 'We spoke on Zoom yesterday, the recording is attached to the order.'],
  ['a messenger name is near an order number', 'No WhatsApp for me, order 1234567 please check'],
  ['"تسليم" contains the letters of وتس', 'وتسليم الطلب كان متأخرا'],
  ['an invitation is near a denied messenger', 'send me the invoice please, I don\'t have WhatsApp'],
  ['a Latvian buyer has no WhatsApp and asks to write here', 'Man nav WhatsApp, rakstiet šeit'],
  ['a Russian buyer asks not to write on WhatsApp', 'Не пишите мне в вотсап, пожалуйста'],
  ['an Estonian buyer asks not to write on WhatsApp', 'Ära kirjuta mulle WhatsAppi, suhtleme siin'],
  ['"WA" is a US state before a ZIP code', 'Ship it to Seattle, WA 98101-1234 please'],
  ['"WA" stands alone', 'WA is where I live, please ship there'],
  ['"tg" is ordinary chat text', 'tg, it finally arrived'],
  ['"Telegram:" is followed by a plain word without a possessive', 'Telegram: later, first the invoice'],
  ['"my WhatsApp:" is followed by an answer', 'My WhatsApp: no, I only use this chat'],
  ['a seller quotes "Do you have WhatsApp?" and refuses', 'Do you have WhatsApp? Sorry, we only communicate here.'],
  ['a Latvian seller quotes the question and refuses', 'Vai jums ir WhatsApp? Diemžēl saziņa tikai šeit.'],
  ['a Russian seller quotes the question and refuses', 'Есть ли у вас вотсап? К сожалению, общаемся только здесь.'],
  ['an Arabic seller quotes the question and refuses', 'عندك واتساب؟ للأسف التواصل فقط عبر المنصة'],
  ['a seller quotes an invitation and answers "no"', 'Can you write me on WhatsApp? No, please write here.'],
  ['"telegram:" is followed by a refusal', 'telegram: no, we only talk here'],
  ['"Telegram:" is followed by "not allowed"', 'Telegram: not allowed'],
  ['"WhatsApp:" is followed by one word of state', 'WhatsApp: blocked'],
  ['"Facebook:" is followed by the name of its product', 'Facebook: Marketplace'],
  ['"Telegram -" is followed by a Latvian "I don\'t use it"', 'Telegram - nelietoju, rakstiet šeit'],
  ['a word after "Telegram:" is followed by more words', 'Telegram: janis said the parcel is late'],
  ['an ambiguous name is followed by a colon and a word', 'Signal: strong'],
  ['a plain user name is asked for and refused', 'Telegram: janis? Sorry, we only talk here.'],
  ['a capitalised word after "Skype:" names a company', 'Skype: Microsoft'],
  ['a lower-case product name follows "whatsapp:"', 'whatsapp: iphone'],
];
for (const [when, body] of NOT_FOUND) {
  t.test(`when ${when}, then nothing is flagged`, async (t) => t.same(findContactDetails(body, { country: 'LV' }), []));
}
